package org.convene.infra.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.convene.infra.EmbeddedInfrastructure;
import org.convene.infra.LocalAccounts;
import org.convene.infra.ServiceProcess;
import org.convene.infra.TcpPorts;

/**
 * The scheduler benchmark: meetings with 20 participants created through the HTTP API by this
 * process, the load generator, against the scheduler jar running as a child JVM on the embedded
 * PostgreSQL and Kafka. Measures an open-loop phase at a fixed arrival rate (200/s), a closed-loop
 * phase for the maximum throughput, and the outbox relay's lag from each 201 response to the
 * meeting's {@code MeetingScheduled} record on the topic. Run it with {@code
 * infra/bench/run-scheduler-bench.sh}; it prints its figures, it asserts nothing.
 */
public final class SchedulerBench {

  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(180);
  private static final int CEILING_EVENTS = 20_000;
  private static final Duration DRAIN_WITHIN = Duration.ofSeconds(120);

  private final BenchOptions options;
  private final PrintStream out;
  private final HttpClient metricsHttp =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private EmbeddedInfrastructure infrastructure;
  private ServiceProcess scheduler;
  private RelayLagProbe probe;
  private CpuMeter cpu;
  private Connection database;

  private SchedulerBench(BenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    if (BenchOptions.wantsHelp(args)) {
      System.out.print(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("scheduler-bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    SchedulerBench bench = new SchedulerBench(options, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(bench::close, "scheduler-bench-shutdown"));
    int code;
    try {
      code = bench.run();
    } catch (Exception e) {
      System.err.println("scheduler-bench failed: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  private int run() throws Exception {
    say("Machine: " + machine());
    say("Bench: " + options.describe());
    double busy = CpuMeter.othersBusyOver(3);
    say(
        String.format(
            Locale.ROOT,
            "Other processes kept the machine %.0f%% busy in the 3 s before the bench started%s",
            busy * 100,
            busy > 0.10
                ? ": other processes are running; their CPU shows as \"other processes and kernel\" below, and the figures"
                    + " are not those of a quiet machine"
                : ""));
    Path work = options.workDirectory().toAbsolutePath();
    Files.createDirectories(work);
    Path schedulerJar =
        BenchMain.copyJar(existing(options.schedulerJar()), work.resolve("scheduler.jar"));
    Path notifierJar =
        options.withNotifier()
            ? BenchMain.copyJar(existing(options.notifierJar()), work.resolve("notifier.jar"))
            : null;
    Path serviceLog = work.resolve("services.log");
    PrintStream services =
        new PrintStream(Files.newOutputStream(serviceLog), true, StandardCharsets.UTF_8);
    resources.add(services);

    long t0 = System.nanoTime();
    infrastructure = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.anyFree(), work);
    resources.add(infrastructure);
    database =
        DriverManager.getConnection(
            infrastructure.jdbcUrl(EmbeddedInfrastructure.SCHEDULER_DATABASE),
            EmbeddedInfrastructure.DATABASE_USER,
            EmbeddedInfrastructure.DATABASE_PASSWORD);
    resources.add(database);
    say(
        "Infrastructure up in %.1f s (PostgreSQL %s, Kafka %s); service output goes to %s"
            .formatted(seconds(t0), postgresVersion(), AppInfoParser.getVersion(), serviceLog));

    long t1 = System.nanoTime();
    List<String> schedulerArguments = new ArrayList<>(infrastructure.schedulerArguments());
    schedulerArguments.addAll(LocalAccounts.schedulerArguments());
    schedulerArguments.addAll(options.schedulerArguments());
    scheduler =
        ServiceProcess.start(
            "scheduler", schedulerJar, TcpPorts.free(), schedulerArguments, services);
    resources.add(scheduler);
    ServiceProcess notifier = null;
    if (notifierJar != null) {
      notifier =
          ServiceProcess.start(
              "notifier",
              notifierJar,
              TcpPorts.free(),
              infrastructure.notifierArguments(),
              services);
      resources.add(notifier);
    }
    scheduler.awaitHealthy(HEALTHY_WITHIN);
    if (notifier != null) {
      notifier.awaitHealthy(HEALTHY_WITHIN);
    }
    say(
        "Scheduler (pid %d) healthy in %.1f s at %s"
            .formatted(scheduler.pid(), seconds(t1), scheduler.baseUri()));

    probe =
        new RelayLagProbe(
            infrastructure.kafkaBootstrapServers(), EmbeddedInfrastructure.MEETING_EVENTS_TOPIC);
    resources.add(probe);
    cpu =
        new CpuMeter(scheduler.pid(), notifier == null ? -1 : notifier.pid(), this::postmasterPid);
    LoadGenerator load = new LoadGenerator(scheduler.baseUri().resolve("/api/meetings"));
    resources.add(load);
    MeetingRequests meetings =
        new MeetingRequests(20261122L, options.participants(), options.agendaItems());

    String first = meetings.next();
    Sample check = load.send(first);
    if (!check.created()) {
      say(
          "The scheduler did not accept a bench meeting; nothing to measure. It answered: "
              + check.error());
      return 1;
    }
    say(
        "Request body: %,d bytes, %d participants %s, %d agenda items"
            .formatted(
                first.getBytes(StandardCharsets.UTF_8).length,
                options.participants(),
                roleCounts(),
                options.agendaItems()));

    if (!options.warmup().isZero()) {
      say(
          "Warming up: %d clients for %d s"
              .formatted(options.warmupClients(), options.warmup().toSeconds()));
      List<Sample> warmup = load.closedLoop(options.warmupClients(), options.warmup(), meetings);
      long created = warmup.stream().filter(Sample::created).count();
      say(
          "Warm-up: %d meetings created (%.0f/s), %d errors; waiting for the relay"
              .formatted(
                  created,
                  created / (double) options.warmup().toSeconds(),
                  warmup.size() - created));
      drain(warmup);
    }

    List<PhaseResult> results = new ArrayList<>();
    int openCount = (int) Math.round(options.rate() * options.openLoop().toSeconds());
    List<String> bodies = meetings.next(openCount);
    results.add(
        measure(
            "open loop %.0f req/s".formatted(options.rate()),
            "open loop: %.0f req/s offered for %d s"
                .formatted(options.rate(), options.openLoop().toSeconds()),
            "open-loop",
            () -> load.openLoop(bodies, options.rate(), options.maxInFlight())));
    if (options.clients() > 0) {
      results.add(
          measure(
              "closed loop %d clients".formatted(options.clients()),
              "closed loop: %d clients for %d s (maximum throughput)"
                  .formatted(options.clients(), options.closedLoop().toSeconds()),
              "closed-loop",
              () -> load.closedLoop(options.clients(), options.closedLoop(), meetings)));
    }

    String ceiling =
        notifier == null
            ? relayCeiling()
            : "not measured (the notifier would read the bench's events)";

    out.println();
    out.println("=".repeat(100));
    say("Machine: " + machine());
    say("Bench: " + options.describe());
    say(
        "Scheduler: copy of %s, pid %d"
            .formatted(options.schedulerJar().toAbsolutePath().normalize(), scheduler.pid()));
    results.forEach(result -> result.print(out));
    printSummary(results);
    say("Relay ceiling (its own limit, no HTTP in front): " + ceiling);
    out.println("=".repeat(100));
    return 0;
  }

  private PhaseResult measure(String label, String name, String slug, Callable<List<Sample>> phase)
      throws Exception {
    say("Phase: " + name);
    PrometheusText before = PrometheusText.scrape(metricsHttp, scheduler.baseUri());
    CpuMeter.Snapshot cpuBefore = cpu.snapshot();
    ServerSampler sampler = new ServerSampler(metricsHttp, scheduler.baseUri(), this::outboxRows);
    Path profile = options.profile() ? startProfile(slug) : null;
    List<Sample> samples = phase.call();
    CpuMeter.Snapshot cpuAfter = cpu.snapshot();
    Map<String, ServerSampler.Gauge> gauges = sampler.finish();
    if (profile != null) {
      stopProfile(slug, profile);
    }
    drain(samples);
    PrometheusText after = PrometheusText.scrape(metricsHttp, scheduler.baseUri());
    PhaseResult result =
        PhaseResult.of(
            label,
            name,
            samples,
            probe,
            before,
            after,
            gauges,
            cpuAfter.coresSince(cpuBefore),
            cpuAfter.machineBusySince(cpuBefore));
    say(
        "  %.1f meetings/s, latency p50 %s ms, p99 %s ms, %d errors; relay lag p50 %s ms, p99 %s ms"
            .formatted(
                result.meetingsPerSecond(),
                Percentiles.ms(result.latency().p50()),
                Percentiles.ms(result.latency().p99()),
                result.errors(),
                Percentiles.ms(result.lag().p50()),
                Percentiles.ms(result.lag().p99())));
    return result;
  }

  private void drain(List<Sample> samples) throws InterruptedException {
    List<String> ids = samples.stream().filter(Sample::created).map(Sample::meetingId).toList();
    long missing = probe.awaitAll(ids, DRAIN_WITHIN);
    if (missing > 0) {
      say(
          "%d of %d meetings did not reach the topic within %d s"
              .formatted(missing, ids.size(), DRAIN_WITHIN.toSeconds()));
    }
  }

  private void printSummary(List<PhaseResult> results) {
    out.println();
    out.println(
        "Summary (latency from the intended send time; relay lag from the 201 response to the record on the topic; ms)");
    out.println(
        "| phase                  | meetings/s | errors | p50    | p90    | p99    | max    | lag p50 | lag p99 | lag max"
            + " | relay p50/p99 (scheduler) | scheduler CPU ms/meeting | other cores |");
    out.println(
        "|------------------------|-----------:|-------:|-------:|-------:|-------:|-------:|--------:|--------:|--------:"
            + "|---------------------------|-------------------------:|------------:|");
    for (PhaseResult r : results) {
      Percentiles latency = r.latency();
      out.printf(
          Locale.ROOT,
          "| %-22s | %10.1f | %6d | %6s | %6s | %6s | %6s | %7s | %7s | %7s | %-25s | %24.1f | %11.2f |%n",
          r.label(),
          r.meetingsPerSecond(),
          r.errors(),
          Percentiles.ms(latency.p50()),
          Percentiles.ms(latency.p90()),
          Percentiles.ms(latency.p99()),
          Percentiles.ms(latency.max()),
          Percentiles.ms(r.lag().p50()),
          Percentiles.ms(r.lag().p99()),
          Percentiles.ms(r.lag().max()),
          PhaseResult.secondsAsMs(r.after().value(PhaseResult.RELAY_LAG, "quantile=\"0.5\""))
              + " / "
              + PhaseResult.secondsAsMs(
                  r.after().value(PhaseResult.RELAY_LAG, "quantile=\"0.99\"")),
          r.cores().getOrDefault(CpuMeter.SCHEDULER, 0.0) * 1000 / r.meetingsPerSecond(),
          r.cores().getOrDefault(CpuMeter.OTHER, 0.0));
    }
    out.println(
        "(other cores: CPU used by processes outside the bench and by the kernel; above ~0.2 another job"
            + " shared the machine)");
  }

  private Path startProfile(String slug) throws IOException, InterruptedException {
    Path file = options.workDirectory().toAbsolutePath().resolve("scheduler-" + slug + ".jfr");
    jcmd("JFR.start", "name=bench-" + slug, "settings=profile", "filename=" + file);
    return file;
  }

  private void stopProfile(String slug, Path file) throws IOException, InterruptedException {
    jcmd("JFR.stop", "name=bench-" + slug);
    Path hot = Path.of(file.toString().replace(".jfr", "-hot-methods.txt"));
    run(hot, tool("jfr"), "view", "--width", "200", "hot-methods", file.toString());
    say("  profile of the scheduler: %s (hot methods in %s)".formatted(file, hot));
  }

  private void jcmd(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of(tool("jcmd"), Long.toString(scheduler.pid())));
    line.addAll(List.of(command));
    run(null, line.toArray(String[]::new));
  }

  private static void run(Path output, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(
        output == null
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.to(output.toFile()));
    int code = builder.start().waitFor();
    if (code != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + code);
    }
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private String roleCounts() {
    return MeetingRequests.roles(options.participants()).stream()
        .collect(Collectors.groupingBy(role -> role, LinkedHashMap::new, Collectors.counting()))
        .toString();
  }

  /**
   * The relay alone: {@value #CEILING_EVENTS} events committed at once straight into the outbox
   * (one notification), and the time until the last is acknowledged by the broker and deleted.
   */
  private String relayCeiling() throws SQLException, InterruptedException {
    say("Phase: relay ceiling: %,d events committed at once".formatted(CEILING_EVENTS));
    boolean autoCommit = database.getAutoCommit();
    database.setAutoCommit(false);
    try (Statement statement = database.createStatement()) {
      statement.execute(
          """
          insert into outbox (event_id, meeting_id, revision, event_type, payload)
          select gen_random_uuid(), gen_random_uuid(), 1, 'org.convene.bench.relay-ceiling',
                 '{"bench": "relay ceiling"}'
          from generate_series(1, %d)
          """
              .formatted(CEILING_EVENTS));
      statement.execute("select pg_notify('convene_outbox', '')");
      database.commit();
    } finally {
      database.setAutoCommit(autoCommit);
    }
    long start = System.nanoTime();
    long deadline = start + DRAIN_WITHIN.toNanos();
    while (outboxRows() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double left = outboxRows();
    String result =
        left > 0
            ? "%,.0f of %,d events still waiting after %.0f s"
                .formatted(left, CEILING_EVENTS, seconds)
            : "%,d events in %.2f s = %,.0f events/s"
                .formatted(CEILING_EVENTS, seconds, CEILING_EVENTS / seconds);
    say("  " + result);
    return result;
  }

  // Called by one sampler thread at a time, once a second.
  private double outboxRows() {
    try (Statement statement = database.createStatement();
        ResultSet count = statement.executeQuery("select count(*) from outbox")) {
      return count.next() ? count.getLong(1) : Double.NaN;
    } catch (SQLException e) {
      return Double.NaN;
    }
  }

  private long postmasterPid() {
    return CpuMeter.postmasterPid(
        options.workDirectory().toAbsolutePath().resolve("postgres/data"));
  }

  private String postgresVersion() {
    try (Statement statement = database.createStatement();
        ResultSet version = statement.executeQuery("show server_version")) {
      return version.next() ? version.getString(1) : "?";
    } catch (SQLException e) {
      return "? (" + e.getMessage() + ")";
    }
  }

  private static String machine() {
    String cpuModel = "?";
    String memory = "?";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpuModel =
          lines
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .orElse("?");
    } catch (IOException | UncheckedIOException e) {
      // not Linux: the model stays unknown
    }
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      memory =
          lines
              .filter(l -> l.startsWith("MemTotal"))
              .findFirst()
              .map(
                  l ->
                      String.format(
                          Locale.ROOT,
                          "%.1f GiB",
                          Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
              .orElse("?");
    } catch (IOException | UncheckedIOException e) {
      // not Linux
    }
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %s RAM, %s %s; JDK %s (%s, %s) for the bench and the scheduler; GC %s; %s",
        Runtime.getRuntime().availableProcessors(),
        cpuModel,
        memory,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        Runtime.version(),
        System.getProperty("java.vendor"),
        System.getProperty("java.vm.name"),
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(gc -> gc.getName().split(" ")[0])
            .findFirst()
            .orElse("?"),
        Instant.now());
  }

  private static Path existing(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "no jar at " + jar.toAbsolutePath() + "; build it first (run-scheduler-bench.sh does)");
    }
    return jar;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void say(String message) {
    out.println("[scheduler-bench] " + message);
  }

  // Runs from the shutdown hook too (Ctrl-C): child JVMs and PostgreSQL must not outlive the bench.
  private synchronized void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        System.err.println("scheduler-bench: closing " + resources.get(i) + ": " + e);
      }
    }
    resources.clear();
  }
}
