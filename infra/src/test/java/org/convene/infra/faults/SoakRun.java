package org.convene.infra.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.convene.infra.StartupException;
import org.convene.infra.faults.DeliveryTally.Key;

/**
 * The soak run: a notifier in its own process under steady load (meetings scheduled at a fixed
 * rate, each inviting its own participants) for a long time, with a random fault every so often:
 * kill -9 and restart, its database stopped and started, its SMTP relay down, its broker restarted.
 * Prints, per fault, how long until mail flowed again and until everything owed at the fault's end
 * had arrived, and the duplicates it added; at the end the totals: expected, received, lost,
 * duplicates. Run it with {@code infra/bench/run-soak.sh}; it prints figures, it asserts nothing,
 * and it stops by itself.
 */
public final class SoakRun {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(5);
  private static final int START_ATTEMPTS = 3;
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(10);

  enum FaultKind {
    KILL,
    DATABASE,
    SMTP,
    BROKER
  }

  /** One injected fault and how the notifier came through it. */
  record Fault(
      FaultKind kind,
      Instant at,
      Duration lasted,
      Duration resumedAfter,
      Duration drainedAfter,
      int duplicatesAdded,
      int openConnections) {}

  private final Map<String, String> options;
  private final PrintStream out;
  private final Random random;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final Set<Key> owed = ConcurrentHashMap.newKeySet();
  private final AtomicInteger meetings = new AtomicInteger();
  private final List<Fault> faults = new ArrayList<>();
  private FaultStack stack;

  private SoakRun(Map<String, String> options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.random = new Random(Long.parseLong(option("seed", Long.toString(System.nanoTime()))));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.equals("--help")) {
        System.out.println(
            """
            SoakRun [--duration=60m] [--rate=2] [--participants=10] [--fault-every=3m]
                    [--faults=KILL,DATABASE,SMTP,BROKER] [--batch-size=50] [--threads=3]
                    [--seed=N] [--work-dir=infra/target/soak] --notifier-jar=PATH
              rate: meetings scheduled per second; fault-every: mean time between faults
              (uniform between half and one and a half of it). Durations as 90s, 3m, 1h.""");
        return;
      }
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("not an option: " + arg + " (--help lists them)");
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    new SoakRun(options, System.out).run();
  }

  private void run() throws Exception {
    Duration duration = duration(option("duration", "60m"));
    double rate = Double.parseDouble(option("rate", "2"));
    int participants = Integer.parseInt(option("participants", "10"));
    Duration faultEvery = duration(option("fault-every", "3m"));
    List<FaultKind> kinds =
        List.of(option("faults", "KILL,DATABASE,SMTP,BROKER").split(",")).stream()
            .map(kind -> FaultKind.valueOf(kind.strip().toUpperCase(Locale.ROOT)))
            .toList();
    FaultStack.Delivery delivery =
        new FaultStack.Delivery(
            Integer.parseInt(option("batch-size", "50")), Integer.parseInt(option("threads", "3")));
    Path jar = Path.of(option("notifier-jar", ""));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("--notifier-jar: no jar at " + jar.toAbsolutePath());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stopping::countDown, "soak-stop"));
    say(
        "%s of %.1f meetings/s × %d participants, a fault every ~%s of %s; batch size %d, %d threads"
            .formatted(
                duration,
                rate,
                participants,
                faultEvery,
                kinds,
                delivery.batchSize(),
                delivery.threads()));
    Path workDirectory = Path.of(option("work-dir", "infra/target/soak"));
    stack = FaultStack.start(workDirectory, jar, delivery, notifierLog(workDirectory, out));
    ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
    try {
      long periodMicros = Math.round(1_000_000 / rate);
      publisher.scheduleAtFixedRate(
          () -> publishOne(participants), 0, periodMicros, TimeUnit.MICROSECONDS);
      long end = System.nanoTime() + duration.toNanos();
      while (stopping.getCount() > 0 && System.nanoTime() < end) {
        long gap = (long) (faultEvery.toMillis() * (0.5 + random.nextDouble()));
        if (pause(
                Duration.ofMillis(
                    Math.min(gap, Math.max(0, (end - System.nanoTime()) / 1_000_000))))
            || System.nanoTime() >= end) {
          break;
        }
        Fault fault = inject(kinds.get(random.nextInt(kinds.size())), delivery);
        faults.add(fault);
        say(describe(fault));
        if (!stack.notifierAlive()) {
          say("The notifier exited by itself (see its log); starting it again");
          startNotifier();
        }
      }
      publisher.shutdown();
      publisher.awaitTermination(1, TimeUnit.MINUTES);
      say("Load stopped after %d meetings; waiting for everything owed".formatted(meetings.get()));
      waitFor(() -> tally().complete(), DRAIN_LIMIT, System.nanoTime());
      pause(Duration.ofSeconds(5));
      report(tally());
    } finally {
      publisher.shutdownNow();
      if (stack != null) {
        stack.close();
      }
    }
  }

  private void publishOne(int participants) {
    try {
      MeetingLoad load = MeetingLoad.of("soak" + meetings.incrementAndGet(), 1, participants);
      owed.addAll(load.owed());
      stack.publish(load.events());
    } catch (RuntimeException e) {
      say("Publishing failed (its messages count as owed): " + e);
    }
  }

  private Fault inject(FaultKind kind, FaultStack.Delivery delivery) {
    int duplicatesBefore = tally().duplicates();
    // Connections that could have a message in flight when the fault struck: those open as it
    // begins, and those opened while it lasts (a batch starting just after the sample).
    int openAtStart = stack.smtp().openConnections();
    int openedBefore = stack.smtp().connectionsSoFar();
    Instant at = Instant.now();
    long start = System.nanoTime();
    switch (kind) {
      case KILL -> {
        stack.killNotifier();
        startNotifier();
      }
      case DATABASE -> {
        stack.stopDatabase();
        pause(Duration.ofSeconds(3 + random.nextInt(8)));
        stack.startDatabase();
      }
      case SMTP -> {
        stack.smtp().refuse();
        pause(Duration.ofSeconds(5 + random.nextInt(26)));
        stack.smtp().resume();
      }
      case BROKER -> {
        stack.stopBroker();
        pause(Duration.ofSeconds(5 + random.nextInt(11)));
        stack.startBroker();
      }
    }
    long ended = System.nanoTime();
    int openConnections = openAtStart + stack.smtp().connectionsSoFar() - openedBefore;
    Set<Key> owedAtEnd = Set.copyOf(owed);
    int acceptedAtEnd = stack.smtp().acceptedCount();
    Duration resumed =
        waitFor(() -> stack.smtp().acceptedCount() > acceptedAtEnd, RECOVERY_LIMIT, ended);
    Duration drained =
        waitFor(
            () -> DeliveryTally.of(owedAtEnd, stack.smtp().received()).complete(),
            RECOVERY_LIMIT,
            ended);
    return new Fault(
        kind,
        at,
        Duration.ofNanos(ended - start),
        resumed,
        drained,
        tally().duplicates() - duplicatesBefore,
        openConnections);
  }

  /**
   * Starts a notifier, trying again when one does not get healthy in time: on a shared machine a
   * start can take minutes, and an hour of figures is worth more than ending the run there. The
   * slow start shows in the fault's duration and in the line said here.
   */
  private void startNotifier() {
    for (int attempt = 1; ; attempt++) {
      try {
        stack.startNotifier();
        return;
      } catch (StartupException e) {
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
        say(
            "Start %d of the notifier failed (%s); killing it and starting again"
                .formatted(attempt, e.getMessage()));
        stack.killNotifier();
      }
    }
  }

  private DeliveryTally tally() {
    return DeliveryTally.of(Set.copyOf(owed), stack.smtp().received());
  }

  private void report(DeliveryTally tally) {
    String line = "=".repeat(100);
    out.println(line);
    out.printf(Locale.ROOT, " Soak: %d meetings, %s%n", meetings.get(), tally.figures());
    out.printf(
        Locale.ROOT,
        " %-9s %-24s %9s %12s %12s %11s %6s%n",
        "fault",
        "at",
        "lasted s",
        "resumed s",
        "drained s",
        "duplicates",
        "conns");
    for (Fault fault : faults) {
      out.printf(
          Locale.ROOT,
          " %-9s %-24s %9.1f %12s %12s %11d %6d%s%n",
          fault.kind(),
          fault.at().truncatedTo(ChronoUnit.SECONDS),
          seconds(fault.lasted()),
          fault.resumedAfter() == null
              ? "never"
              : String.format(Locale.ROOT, "%.1f", seconds(fault.resumedAfter())),
          fault.drainedAfter() == null
              ? "never"
              : String.format(Locale.ROOT, "%.1f", seconds(fault.drainedAfter())),
          fault.duplicatesAdded(),
          fault.openConnections(),
          fault.duplicatesAdded() > fault.openConnections()
              ? "  <- more than one per connection"
              : "");
    }
    out.println(tally.lines().isEmpty() ? " Nothing lost, nothing received twice." : tally.lines());
    out.println(line);
  }

  private String describe(Fault fault) {
    return String.format(
        Locale.ROOT,
        "%s at %s: lasted %.1f s, mail again after %s, everything owed at its end after %s, %d duplicates (%d connections open or opened during it)",
        fault.kind(),
        fault.at().truncatedTo(ChronoUnit.SECONDS),
        seconds(fault.lasted()),
        fault.resumedAfter() == null
            ? "never"
            : String.format(Locale.ROOT, "%.1f s", seconds(fault.resumedAfter())),
        fault.drainedAfter() == null
            ? "never"
            : String.format(Locale.ROOT, "%.1f s", seconds(fault.drainedAfter())),
        fault.duplicatesAdded(),
        fault.openConnections());
  }

  /**
   * How long after {@code since} (a {@link System#nanoTime()}) the condition held, polled; {@code
   * null} if it did not within {@code limit} of it.
   */
  private Duration waitFor(BooleanSupplier condition, Duration limit, long since) {
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - since > limit.toNanos() || pause(POLL)) {
        return null;
      }
    }
    return Duration.ofNanos(System.nanoTime() - since);
  }

  /** Waits, unless the run is stopped; whether it was. */
  private boolean pause(Duration duration) {
    try {
      return stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  private void say(String message) {
    out.println("[soak] " + message);
  }

  private static Duration duration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    long amount = Long.parseLong(value.replaceAll("[a-z]+$", ""));
    return switch (value.replaceAll("^[0-9]+", "")) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException("not a duration (90s, 3m, 1h): " + text);
    };
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  /** The notifier's output goes to a file in the work directory, not the console. */
  private static PrintStream notifierLog(Path workDirectory, PrintStream out) {
    Path log = workDirectory.resolve("notifier.log");
    try {
      Files.createDirectories(workDirectory);
      return new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
    } catch (IOException e) {
      out.println("[soak] cannot write " + log + "; the notifier's output follows: " + e);
      return out;
    }
  }
}
