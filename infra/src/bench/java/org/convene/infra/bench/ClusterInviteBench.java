package org.convene.infra.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Person;
import org.convene.infra.EmbeddedInfrastructure;
import org.convene.infra.ServiceProcess;
import org.convene.infra.TcpPorts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invitation throughput of 1, 2 and 3 notifier processes (their executable jar) sharing one broker,
 * one ledger database and one relay that takes everything ({@link TimingSmtpSink}), all on this
 * machine, in one run so that the three are comparable whatever else the machine is doing. Each
 * round starts that many fresh notifiers, warms them up, publishes a burst of meetings (as the
 * scheduler's outbox relay would) and times it from the publish to the last {@code 250}. The
 * notifiers' resident memory (VmHWM, VmRSS from {@code /proc/<pid>/status}) is printed with it.
 *
 * <p>Options ({@code name=value}): {@code meetings} per burst (100), {@code participants} (50),
 * {@code processes} the largest count (3), {@code heap} (-Xmx of each notifier, 256m), {@code
 * notifier-jar}, {@code notifier.<setting>=<value>} as {@code --convene.notifier.<setting>}.
 */
public final class ClusterInviteBench {

  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(600);
  private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(600);
  private static final String ZONE = "Europe/Berlin";

  private final Map<String, String> options;
  private final PrintStream out = System.out;
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private int burst;

  private ClusterInviteBench(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) {
    ClusterInviteBench bench =
        new ClusterInviteBench(BenchMain.options("cluster-invite-bench", args));
    BenchMain.runThenExit(bench::run, bench::close);
  }

  private record Round(
      int processes,
      int messages,
      double seconds,
      double fromFirstSeconds,
      long missing,
      List<Long> peakKib,
      List<Long> nowKib,
      String load) {}

  private int run() throws Exception {
    int meetings = Integer.parseInt(options.getOrDefault("meetings", "100"));
    int participants = Integer.parseInt(options.getOrDefault("participants", "50"));
    int processes = Integer.parseInt(options.getOrDefault("processes", "3"));
    String heap = options.getOrDefault("heap", "256m");
    say(
        ("Machine: %d cores, load average %s; bursts of %d meetings x %d participants, 1 to %d"
                + " notifier processes (-Xmx%s each)")
            .formatted(
                Runtime.getRuntime().availableProcessors(),
                InboxLatencyBench.loadAverage(),
                meetings,
                participants,
                processes,
                heap));
    Path work = Path.of("infra", "target", "cluster-invite-bench").toAbsolutePath();
    Files.createDirectories(work);
    Path notifierJar = BenchMain.copyJar(notifierJar(), work.resolve("notifier.jar"));
    PrintStream services =
        new PrintStream(
            Files.newOutputStream(work.resolve("services.log")), true, StandardCharsets.UTF_8);
    resources.add(services);
    EmbeddedInfrastructure infrastructure =
        EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.anyFree(), work);
    resources.add(infrastructure);
    TimingSmtpSink sink = new TimingSmtpSink();
    resources.add(sink);
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new StringSerializer());
    resources.add(producer);

    List<String> arguments =
        new ArrayList<>(
            infrastructure.notifierArguments().stream()
                .filter(argument -> !argument.startsWith("--spring.mail."))
                .toList());
    arguments.add("--spring.mail.host=127.0.0.1");
    arguments.add("--spring.mail.port=" + sink.port());
    arguments.add("--management.health.mail.enabled=false");
    arguments.add("--convene.notifier.delivery.quiet-period=0s");
    options.forEach(
        (name, value) -> {
          if (name.startsWith("notifier.")) {
            arguments.add("--convene." + name + "=" + value);
          }
        });
    List<String> jvm = List.of("-Xmx" + heap, "-XX:+UseParallelGC");

    List<Round> rounds = new ArrayList<>();
    for (int count = 1; count <= processes; count++) {
      List<ServiceProcess> notifiers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServiceProcess notifier =
            ServiceProcess.start(
                "notifier-" + count + "." + (i + 1),
                notifierJar,
                TcpPorts.free(),
                jvm,
                arguments,
                services);
        notifiers.add(notifier);
        // Closed with the rest should the round fail: a notifier left behind would outlive the
        // bench.
        resources.add(notifier);
      }
      notifiers.forEach(notifier -> notifier.awaitHealthy(HEALTHY_WITHIN));
      say("%d notifier(s) healthy; warming up".formatted(count));
      burst(producer, sink, meetings / 2, participants);
      String load = InboxLatencyBench.loadAverage();
      int before = sink.acceptedCount();
      long start = System.nanoTime();
      long missing = burst(producer, sink, meetings, participants);
      double seconds = (System.nanoTime() - start) / 1e9;
      List<TimingSmtpSink.Accepted> accepted = sink.accepted();
      long first = accepted.get(before).atMicros();
      long last = accepted.getLast().atMicros();
      Round round =
          new Round(
              count,
              accepted.size() - before,
              seconds,
              (last - first) / 1e6,
              missing,
              notifiers.stream().map(n -> InboxLatencyBench.residentKib(n.pid(), "VmHWM")).toList(),
              notifiers.stream().map(n -> InboxLatencyBench.residentKib(n.pid(), "VmRSS")).toList(),
              load);
      rounds.add(round);
      say(describe(round));
      notifiers.forEach(ServiceProcess::close);
    }
    out.println();
    out.println("=".repeat(100));
    rounds.forEach(round -> say(describe(round)));
    out.println("=".repeat(100));
    return 0;
  }

  private static String describe(Round round) {
    return String.format(
        Locale.ROOT,
        "%d notifier process(es): %d e-mails in %.1f s from the publish = %.0f e-mails/s (%.0f/s"
            + " from the first 250 to the last), %d missing; resident memory per process at its"
            + " peak %s MiB, at the end %s MiB; load average before the burst %s",
        round.processes(),
        round.messages(),
        round.seconds(),
        round.messages() / round.seconds(),
        round.messages() / round.fromFirstSeconds(),
        round.missing(),
        round.peakKib().stream().map(kib -> Long.toString(kib / 1024)).toList(),
        round.nowKib().stream().map(kib -> Long.toString(kib / 1024)).toList(),
        round.load());
  }

  /** Publishes the meetings and waits until all their invitations arrived; how many did not. */
  private long burst(
      KafkaProducer<String, String> producer, TimingSmtpSink sink, int meetings, int participants)
      throws InterruptedException {
    burst++;
    int before = sink.acceptedCount();
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusWeeks(3);
    for (int m = 0; m < meetings; m++) {
      List<Participant> invited = new ArrayList<>(participants);
      for (int p = 0; p < participants; p++) {
        invited.add(
            new Participant(
                "Participant " + p + " of meeting " + m,
                "p%d.m%d@b%d.bench.example.org".formatted(p, m, burst),
                p == 0 ? ParticipantRole.CHAIR : ParticipantRole.VOTING,
                p % 2 == 0 ? "en" : "zh-CN",
                null));
      }
      var start = day.atTime(LocalTime.of(9, 0)).plusMinutes(m % 480);
      MeetingSnapshot meeting =
          new MeetingSnapshot(
              "Throughput burst " + burst + " #" + m,
              "A meeting of the throughput bench",
              new Person("BAST General Office", "office@bast.example.org"),
              start,
              start.plusHours(1),
              ZONE,
              "Meeting room " + (m % 7 + 1),
              null,
              List.of(),
              invited,
              List.of(),
              MeetingStatus.SCHEDULED,
              List.of());
      MeetingScheduled event =
          new MeetingScheduled(EventId.random(), MeetingId.random(), 1, Instant.now(), meeting);
      ProducerRecord<String, String> record =
          new ProducerRecord<>(
              EmbeddedInfrastructure.MEETING_EVENTS_TOPIC,
              event.meetingId().toString(),
              json.writeValueAsString(event));
      header(record, CloudEventHeaders.ID, event.eventId().toString());
      header(record, CloudEventHeaders.TYPE, event.cloudEventType());
      header(record, CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_SCHEDULER);
      header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
      header(record, CloudEventHeaders.SUBJECT, event.meetingId().toString());
      header(record, CloudEventHeaders.TIME, event.occurredAt().toString());
      header(record, "content-type", "application/json");
      producer.send(record);
    }
    producer.flush();
    int expected = meetings * participants;
    long deadline = System.nanoTime() + DELIVERED_WITHIN.toNanos();
    while (sink.acceptedCount() - before < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return Math.max(0, expected - (sink.acceptedCount() - before));
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  private Path notifierJar() throws IOException {
    String given = options.get("notifier-jar");
    if (given != null) {
      return Path.of(given);
    }
    try (var files = Files.list(Path.of("notifier-service", "target"))) {
      return files
          .filter(file -> file.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("build notifier-service first"));
    }
  }

  private void say(String line) {
    out.println("[cluster-invite] " + line);
  }

  private void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        out.println("[cluster-invite] could not close " + resources.get(i) + ": " + e);
      }
    }
  }
}
