package org.convene.infra.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convene.infra.EmbeddedInfrastructure;
import org.convene.infra.LocalAccounts;
import org.convene.infra.ServiceProcess;
import org.convene.infra.TcpPorts;

/**
 * Commit-to-inbox latency of the whole system on one machine: the scheduler and the notifier as
 * their own processes (their executable jars), the broker and PostgreSQL embedded in this process,
 * and a {@link TimingSmtpSink} as the mail server. An open loop schedules meetings through the API
 * at a fixed rate; for every recipient of every meeting the bench takes the time from the API's
 * {@code 201} to the sink's {@code 250}, and splits it in stages: the outbox relay (201 to the
 * record arriving at a consumer of the topic), the notifier's listener (to the event recorded in
 * its ledger, {@code meeting_event.received_at}) and the dispatch (to the 250). All on the wall
 * clock of this one machine, in milliseconds at worst.
 *
 * <p>Options ({@code name=value}): {@code rate} meetings/s (50), {@code participants} (20), {@code
 * duration} seconds (30), {@code warmup} seconds (10), {@code scheduler-jar}, {@code notifier-jar},
 * {@code service-heap} (-Xmx of each service, 512m), {@code notifier.<setting>=<value>} passed to
 * the notifier as {@code --convene.notifier.<setting>=<value>}, {@code statements=true} for each
 * database's costliest statements in the measured phase (pg_stat_statements, which costs a little
 * CPU itself), {@code profile=true} for a JFR profile of each service over the whole run ({@code
 * scheduler.jfr} and {@code notifier.jfr} in {@code infra/target/inbox-latency-bench/}).
 */
public final class InboxLatencyBench {

  private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(180);
  private static final Pattern MEETING_NUMBER =
      Pattern.compile("@m(\\d+)\\.bench\\.example\\.org$");

  private final Map<String, String> options;
  private final PrintStream out = System.out;
  private final List<AutoCloseable> resources = new ArrayList<>();

  private InboxLatencyBench(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    InboxLatencyBench bench = new InboxLatencyBench(BenchMain.options("inbox-latency-bench", args));
    BenchMain.runThenExit(bench::run, bench::close);
  }

  private int run() throws Exception {
    double rate = Double.parseDouble(options.getOrDefault("rate", "50"));
    int participants = Integer.parseInt(options.getOrDefault("participants", "20"));
    int duration = Integer.parseInt(options.getOrDefault("duration", "30"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
    String heap = options.getOrDefault("service-heap", "512m");
    boolean statements = Boolean.parseBoolean(options.getOrDefault("statements", "false"));
    boolean profile = Boolean.parseBoolean(options.getOrDefault("profile", "false"));
    if (statements) {
      System.setProperty(EmbeddedInfrastructure.TRACK_STATEMENTS, "true");
    }
    say(
        "Machine: %d cores, load average %s; %.0f meetings/s x %d recipients for %d s (warm-up %d s)"
            .formatted(
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                rate,
                participants,
                duration,
                warmup));

    Path work = Path.of("infra", "target", "inbox-latency-bench").toAbsolutePath();
    Files.createDirectories(work);
    Path schedulerJar =
        BenchMain.copyJar(
            option("scheduler-jar", "scheduler-service"), work.resolve("scheduler.jar"));
    Path notifierJar =
        BenchMain.copyJar(option("notifier-jar", "notifier-service"), work.resolve("notifier.jar"));
    Path serviceLog = work.resolve("services.log");
    PrintStream services =
        new PrintStream(Files.newOutputStream(serviceLog), true, StandardCharsets.UTF_8);
    resources.add(services);

    long t0 = System.nanoTime();
    EmbeddedInfrastructure infrastructure =
        EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.anyFree(), work);
    resources.add(infrastructure);
    TimingSmtpSink sink = new TimingSmtpSink();
    resources.add(sink);

    List<String> jvm = List.of("-Xmx" + heap, "-Xms" + heap, "-XX:+UseParallelGC");
    List<String> schedulerArguments = new ArrayList<>(infrastructure.schedulerArguments());
    schedulerArguments.addAll(LocalAccounts.schedulerArguments());
    List<String> notifierArguments =
        new ArrayList<>(
            infrastructure.notifierArguments().stream()
                .filter(argument -> !argument.startsWith("--spring.mail."))
                .toList());
    notifierArguments.add("--spring.mail.host=127.0.0.1");
    notifierArguments.add("--spring.mail.port=" + sink.port());
    notifierArguments.add("--management.health.mail.enabled=false");
    notifierArguments.add("--convene.notifier.delivery.quiet-period=0s");
    options.forEach(
        (name, value) -> {
          if (name.startsWith("notifier.")) {
            notifierArguments.add("--convene." + name + "=" + value);
          }
        });
    ServiceLaunch launch = new ServiceLaunch(jvm, profile, work, services, resources::add);
    ServiceProcess scheduler =
        launch.start("scheduler", schedulerJar, TcpPorts.free(), schedulerArguments);
    ServiceProcess notifier =
        launch.start("notifier", notifierJar, TcpPorts.free(), notifierArguments);
    ServiceLaunch.awaitHealthy(scheduler, notifier);
    say(
        "Infrastructure and both services up in %.1f s; their output goes to %s"
            .formatted((System.nanoTime() - t0) / 1e9, serviceLog));

    RelayLagProbe probe =
        new RelayLagProbe(
            infrastructure.kafkaBootstrapServers(), EmbeddedInfrastructure.MEETING_EVENTS_TOPIC);
    resources.add(probe);
    LoadGenerator load = new LoadGenerator(scheduler.baseUri().resolve("/api/meetings"));
    resources.add(load);
    MeetingRequests meetings = new MeetingRequests(20261201L, participants, 3);

    if (warmup > 0) {
      List<String> bodies = meetings.next((int) Math.round(rate * warmup));
      say("Warm-up: %d meetings at %.0f/s".formatted(bodies.size(), rate));
      int beforeWarmUp = sink.acceptedCount();
      List<Sample> samples = load.openLoop(bodies, rate, 256);
      awaitDelivered(sink, samples.size() * participants, beforeWarmUp);
    }

    int firstNumber = (int) Math.round(rate * warmup) + 1;
    List<String> bodies = meetings.next((int) Math.round(rate * duration));
    int before = sink.acceptedCount();
    String loadBefore = loadAverage();
    long cpuStart = System.nanoTime();
    CpuMeter cpu =
        new CpuMeter(
            scheduler.pid(),
            notifier.pid(),
            () -> CpuMeter.postmasterPid(work.resolve("postgres").resolve("data")));
    if (statements) {
      DatabaseStatements.reset(infrastructure);
    }
    CpuMeter.Snapshot cpuBefore = cpu.snapshot();
    say("Measured: %d meetings at %.0f/s".formatted(bodies.size(), rate));
    List<Sample> samples = load.openLoop(bodies, rate, 256);
    long created = samples.stream().filter(Sample::created).count();
    long missing = awaitDelivered(sink, (int) created * participants, before);
    double seconds = (System.nanoTime() - cpuStart) / 1e9;
    CpuMeter.Snapshot cpuAfter = cpu.snapshot();
    String loadAfter = loadAverage();

    Map<Integer, Sample> byNumber = new HashMap<>();
    for (int i = 0; i < samples.size(); i++) {
      if (samples.get(i).created()) {
        byNumber.put(firstNumber + i, samples.get(i));
      }
    }
    Map<String, Long> recordedMicros = ledgerTimes(infrastructure);
    List<Long> total = new ArrayList<>();
    List<Long> relay = new ArrayList<>();
    List<Long> listener = new ArrayList<>();
    List<Long> dispatch = new ArrayList<>();
    List<TimingSmtpSink.Accepted> accepted = sink.accepted();
    for (TimingSmtpSink.Accepted message : accepted.subList(before, accepted.size())) {
      Matcher number = MEETING_NUMBER.matcher(message.recipient());
      if (!number.find()) {
        continue;
      }
      Sample sample = byNumber.get(Integer.parseInt(number.group(1)));
      if (sample == null) {
        continue;
      }
      long createdMicros = sample.respondedAtMillis() * 1_000;
      total.add(message.atMicros() - createdMicros);
      RelayLagProbe.Arrival arrival = probe.arrival(sample.meetingId());
      Long recorded = recordedMicros.get(sample.meetingId());
      if (arrival != null && recorded != null) {
        long onTopic = arrival.arrivedAtMillis() * 1_000;
        relay.add(onTopic - createdMicros);
        listener.add(recorded - onTopic);
        dispatch.add(message.atMicros() - recorded);
      }
    }
    long rss = residentKib(notifier.pid(), "VmRSS");
    long peak = residentKib(notifier.pid(), "VmHWM");
    out.println();
    out.println("=".repeat(100));
    say(
        ("Commit to inbox: %d meetings created of %d sent at %.0f/s, %d recipients each; %d"
                + " messages received in %.1f s (%.0f/s), %d missing; load average %s before, %s"
                + " after")
            .formatted(
                created,
                bodies.size(),
                rate,
                participants,
                total.size(),
                seconds,
                total.size() / seconds,
                missing,
                loadBefore,
                loadAfter));
    say("%-34s %8s %8s %8s %8s %8s".formatted("stage (ms)", "count", "p50", "p90", "p99", "max"));
    row("201 -> 250 (total)", total);
    row("201 -> record on the topic", relay);
    row("topic -> recorded in the ledger", listener);
    row("ledger -> 250 (dispatch, send)", dispatch);
    cpuRows(cpuBefore, cpuAfter, total.size());
    if (statements) {
      DatabaseStatements.print(infrastructure, total.size(), "message", this::say);
    }
    say(NotifierTally.read(HttpClient.newHttpClient(), notifier.baseUri()));
    say(
        "Notifier resident memory: %d MiB now (VmRSS), %d MiB at its peak (VmHWM), heap -Xmx%s"
            .formatted(rss / 1024, peak / 1024, heap));
    out.println("=".repeat(100));
    return 0;
  }

  /**
   * Where the cores went from the first request until the last message arrived: which part the
   * sending rate waits for on this machine.
   */
  private void cpuRows(CpuMeter.Snapshot before, CpuMeter.Snapshot after, int messages) {
    double wall = (after.wallNanos() - before.wallNanos()) / 1e9;
    say(
        "CPU until the last message arrived (machine %.0f %% busy):"
            .formatted(after.machineBusySince(before) * 100));
    double perMessageTotal = 0;
    for (Map.Entry<String, Double> part : after.coresSince(before).entrySet()) {
      double perMessage = messages == 0 ? 0 : part.getValue() * wall * 1000 / messages;
      perMessageTotal += perMessage;
      say(
          "  %-42s %5.2f cores  %6.3f ms/message"
              .formatted(part.getKey(), part.getValue(), perMessage));
    }
    say("  %-42s %11s  %6.3f ms/message".formatted("all", "", perMessageTotal));
  }

  private void row(String stage, List<Long> micros) {
    long[] nanos = micros.stream().mapToLong(value -> value * 1_000).toArray();
    Percentiles p = Percentiles.of(nanos);
    say(
        "%-34s %8d %8s %8s %8s %8s"
            .formatted(
                stage,
                p.count(),
                Percentiles.ms(p.p50()),
                Percentiles.ms(p.p90()),
                Percentiles.ms(p.p99()),
                Percentiles.ms(p.max())));
  }

  /**
   * Waits until {@code expected} more messages than {@code before} arrived; returns how many not.
   */
  private long awaitDelivered(TimingSmtpSink sink, int expected, int before)
      throws InterruptedException {
    long deadline = System.nanoTime() + DELIVERED_WITHIN.toNanos();
    while (sink.acceptedCount() - before < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return Math.max(0, expected - (sink.acceptedCount() - before));
  }

  /** When the notifier recorded each meeting's first revision, in microseconds since 1970. */
  private static Map<String, Long> ledgerTimes(EmbeddedInfrastructure infrastructure)
      throws SQLException {
    Map<String, Long> times = new HashMap<>();
    try (Connection connection =
            DriverManager.getConnection(
                infrastructure.jdbcUrl(EmbeddedInfrastructure.NOTIFIER_DATABASE),
                EmbeddedInfrastructure.DATABASE_USER,
                EmbeddedInfrastructure.DATABASE_PASSWORD);
        PreparedStatement statement =
            connection.prepareStatement(
                "select meeting_id, (extract(epoch from received_at) * 1000000)::bigint"
                    + " from meeting_event where revision = 1");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        times.put(rows.getObject(1, UUID.class).toString(), rows.getLong(2));
      }
    }
    return times;
  }

  /** A line of {@code /proc/<pid>/status} in KiB, or -1 off Linux. */
  static long residentKib(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or the process is gone.
    }
    return -1;
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private Path option(String name, String module) {
    String given = options.get(name);
    if (given != null) {
      return Path.of(given);
    }
    try (var files = Files.list(Path.of(module, "target"))) {
      return files
          .filter(file -> file.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("build " + module + " first"));
    } catch (IOException e) {
      throw new IllegalStateException("build " + module + " first", e);
    }
  }

  private void say(String line) {
    out.println("[inbox-latency] " + line);
  }

  private void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        out.println("[inbox-latency] could not close " + resources.get(i) + ": " + e);
      }
    }
  }
}
