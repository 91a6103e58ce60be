package org.convene.notifier.bench;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.convene.events.EventId;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Person;
import org.convene.notifier.NotifierApplication;
import org.convene.testing.EmbeddedPostgresServer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery through a relay that takes 50 messages a second (a sink of the benchmark's own that
 * answers 421 above it): a 5,000-recipient invitation for a meeting next month, and during its
 * burst 50 small meetings (5 recipients, the day after tomorrow) cancelled one after the other.
 * Prints the small meetings' cancellation latency from publication on the topic to the relay's 250
 * (p50, p99, max), the most messages the sink took and was offered in any second, how often it
 * answered 421, and whether every message arrived exactly once. Not a test: run it with {@code
 * notifier-service/bench/run-relay-limit-bench.sh}.
 *
 * <p>Arguments ({@code name=value}): {@code limit} (50, the sink's messages per second), {@code
 * notifier-rate} (the notifier's configured rate, as {@code limit}), {@code burst} (5000), {@code
 * small-meetings} (50), {@code small-size} (5), {@code cancel-after-ms} (5000, from the burst's
 * publication to the first cancellation), {@code cancel-every-ms} (1500), {@code runs} (3); {@code
 * spring.*} and {@code convene.*} ones go to the notifier.
 */
public final class RelayLimitBenchmark {

  private static final String TOPIC = "convene.meeting-events";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, String> options;
  private final int limit;
  private final int notifierRate;
  private final int burst;
  private final int smallMeetings;
  private final int smallSize;
  private final int cancelAfterMs;
  private final int cancelEveryMs;
  private final int runs;

  private RelayLimitBenchmark(Map<String, String> options) {
    this.options = options;
    this.limit = BenchSupport.option(options, "limit", 50);
    this.notifierRate = BenchSupport.option(options, "notifier-rate", limit);
    this.burst = BenchSupport.option(options, "burst", 5000);
    this.smallMeetings = BenchSupport.option(options, "small-meetings", 50);
    this.smallSize = BenchSupport.option(options, "small-size", 5);
    this.cancelAfterMs = BenchSupport.option(options, "cancel-after-ms", 5000);
    this.cancelEveryMs = BenchSupport.option(options, "cancel-every-ms", 1500);
    this.runs = BenchSupport.option(options, "runs", 3);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchSupport.options(args);
    BenchSupport.runThenExit(() -> new RelayLimitBenchmark(options).run());
  }

  /** One run's figures. */
  private record Result(
      double p50Ms,
      double p99Ms,
      double maxMs,
      int maxAcceptedPerSecond,
      int maxOfferedPerSecond,
      int refused,
      double seconds,
      double acceptedPerSecond,
      double lowestRate,
      int duplicates,
      int missing,
      String slowest) {}

  private void run() throws Exception {
    System.out.printf(
        "Relay limit benchmark: sink takes %d messages/s (421 above), notifier configured for %d/s; %d-recipient invitation for next month, %d meetings of %d cancelled during it (from %d ms, every %d ms); %d runs, %d cores%n",
        limit,
        notifierRate,
        burst,
        smallMeetings,
        smallSize,
        cancelAfterMs,
        cancelEveryMs,
        runs,
        Runtime.getRuntime().availableProcessors());
    System.out.println("load average before: " + BenchSupport.loadAverage());
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2, TOPIC);
    broker.afterPropertiesSet();
    String database = EmbeddedPostgresServer.jdbcUrl("notifier_relay_bench");
    List<Result> results = new ArrayList<>();
    try (RateLimitedSink sink = new RateLimitedSink(limit);
        ConfigurableApplicationContext notifier =
            notifier(broker.getBrokersAsString(), database, sink.port());
        KafkaProducer<String, byte[]> scheduler =
            BenchSupport.producer(broker.getBrokersAsString())) {
      JdbcClient ledger = notifier.getBean(JdbcClient.class);
      MeterRegistry meters = notifier.getBean(MeterRegistry.class);
      for (int run = 1; run <= runs; run++) {
        // Each run starts as a fresh deployment would: the configured rate, nothing sent today.
        ledger
            .sql(
                "update relay_allowance set rate = :rate, rate_changed_at = now(), slowed_at = null, sent_today = 0")
            .param("rate", (double) notifierRate)
            .update();
        sink.clear();
        Result result = once(run, sink, scheduler, ledger, meters);
        results.add(result);
        System.out.printf(
            "run %d: cancellation latency p50 %.0f ms, p99 %.0f ms, max %.0f ms; sink took at most %d and was offered at most %d messages in a second, answered 421 %d times; %.1f s, %.1f messages/s; lowest rate in force %.1f/s; duplicates %d, missing %d%n",
            run,
            result.p50Ms(),
            result.p99Ms(),
            result.maxMs(),
            result.maxAcceptedPerSecond(),
            result.maxOfferedPerSecond(),
            result.refused(),
            result.seconds(),
            result.acceptedPerSecond(),
            result.lowestRate(),
            result.duplicates(),
            result.missing());
        System.out.println("  slowest cancellations: " + result.slowest());
      }
    }
    System.out.println();
    System.out.printf("%-44s %10s %10s %10s%n", "over " + runs + " runs", "median", "min", "max");
    summary("cancellation latency p50 (ms)", results, Result::p50Ms);
    summary("cancellation latency p99 (ms, target <= 5000)", results, Result::p99Ms);
    summary("cancellation latency max (ms)", results, Result::maxMs);
    summary(
        "most taken by the sink in a second (limit " + limit + ")",
        results,
        r -> r.maxAcceptedPerSecond());
    summary("most offered to the sink in a second", results, r -> r.maxOfferedPerSecond());
    summary("421 replies", results, r -> r.refused());
    summary("messages/s taken over the run", results, Result::acceptedPerSecond);
    summary("lowest rate in force (messages/s)", results, Result::lowestRate);
    summary("duplicates", results, r -> r.duplicates());
    summary("missing", results, r -> r.missing());
    System.out.println("load average after: " + BenchSupport.loadAverage());
    broker.destroy();
  }

  private static void summary(
      String name, List<Result> results, java.util.function.ToDoubleFunction<Result> figure) {
    double[] values = results.stream().mapToDouble(figure).sorted().toArray();
    System.out.printf(
        "%-44s %10.1f %10.1f %10.1f%n",
        name, values[values.length / 2], values[0], values[values.length - 1]);
  }

  private Result once(
      int run,
      RateLimitedSink sink,
      KafkaProducer<String, byte[]> scheduler,
      JdbcClient ledger,
      MeterRegistry meters)
      throws Exception {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    MeetingScheduled big = scheduled("big-r" + run, burst, now.plusDays(30));
    List<MeetingScheduled> small = new ArrayList<>();
    for (int i = 0; i < smallMeetings; i++) {
      // The day after tomorrow: no reminder (a day before the start) comes due during the run.
      small.add(scheduled("small-r" + run + "-" + i, smallSize, now.plusDays(2).plusMinutes(i)));
    }
    AtomicReference<Double> lowestRate = new AtomicReference<>(Double.MAX_VALUE);
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    timer.scheduleAtFixedRate(
        () -> {
          Gauge rate = meters.find("convene.notifier.relay.rate").gauge();
          if (rate != null) {
            lowestRate.accumulateAndGet(rate.value(), Math::min);
          }
        },
        0,
        50,
        TimeUnit.MILLISECONDS);

    long start = System.nanoTime();
    for (MeetingScheduled meeting : small) {
      publish(scheduler, meeting);
    }
    publish(scheduler, big);
    Map<String, Long> cancelledAt = new ConcurrentHashMap<>();
    for (int i = 0; i < small.size(); i++) {
      MeetingScheduled meeting = small.get(i);
      timer.schedule(
          () -> {
            MeetingCancelled cancel = cancelled(meeting);
            publish(scheduler, cancel);
            cancelledAt.put(domainOf(meeting), System.nanoTime());
            return null;
          },
          cancelAfterMs + (long) i * cancelEveryMs,
          TimeUnit.MILLISECONDS);
    }

    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    while (cancelledAt.size() < small.size() || owed(ledger) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Still owed after 15 minutes: " + owed(ledger));
      }
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    timer.shutdownNow();

    List<RateLimitedSink.Received> received = sink.received();
    Map<String, Integer> copies = new HashMap<>();
    List<Double> latencies = new ArrayList<>();
    Map<String, Double> slowestByMeeting = new HashMap<>();
    List<Long> accepted = new ArrayList<>();
    List<Long> offered = new ArrayList<>();
    int refused = 0;
    for (RateLimitedSink.Received message : received) {
      offered.add(message.nanos());
      if (!message.accepted()) {
        refused++;
        continue;
      }
      accepted.add(message.nanos());
      copies.merge(
          message.recipient() + (message.cancel() ? " CANCEL" : " REQUEST"), 1, Integer::sum);
      Long cancelled =
          message.cancel() ? cancelledAt.get(message.recipient().replaceFirst("^.*@", "")) : null;
      if (cancelled != null) {
        double latency = (message.nanos() - cancelled) / 1e6;
        latencies.add(latency);
        String meeting = message.recipient().replaceFirst("^.*@small-r\\d+-(\\d+)\\..*$", "#$1");
        slowestByMeeting.merge(
            meeting + " (cancelled at +" + (cancelled - start) / 1_000_000_000L + " s)",
            latency,
            Math::max);
      }
    }
    int duplicates = copies.values().stream().mapToInt(n -> n - 1).sum();
    int missing = 0;
    for (int p = 0; p < burst; p++) {
      missing += copies.containsKey(address(domainOf(big), p) + " REQUEST") ? 0 : 1;
    }
    for (MeetingScheduled meeting : small) {
      for (int p = 0; p < smallSize; p++) {
        missing += copies.containsKey(address(domainOf(meeting), p) + " CANCEL") ? 0 : 1;
      }
    }
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double span = accepted.isEmpty() ? 1 : (accepted.getLast() - accepted.getFirst()) / 1e9;
    return new Result(
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
        mostInOneSecond(accepted),
        mostInOneSecond(offered),
        refused,
        seconds,
        accepted.size() / span,
        lowestRate.get() == Double.MAX_VALUE ? Double.NaN : lowestRate.get(),
        duplicates,
        missing,
        slowestByMeeting.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .limit(5)
            .map(entry -> entry.getKey() + " " + Math.round(entry.getValue()) + " ms")
            .toList()
            .toString());
  }

  /** The most timestamps (nanoseconds, ascending) within any window of one second. */
  private static int mostInOneSecond(List<Long> times) {
    int most = 0;
    int from = 0;
    for (int to = 0; to < times.size(); to++) {
      while (times.get(to) - times.get(from) >= 1_000_000_000L) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }

  private static double percentile(double[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static long owed(JdbcClient ledger) {
    return ledger
        .sql("select count(*) from delivery where status = 'PENDING'")
        .query(Long.class)
        .single();
  }

  private static void publish(KafkaProducer<String, byte[]> scheduler, MeetingEvent event) {
    try {
      scheduler.send(BenchSupport.record(TOPIC, event, JSON)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot publish " + event.meetingId(), e);
    }
  }

  private ConfigurableApplicationContext notifier(
      String bootstrapServers, String database, int smtpPort) {
    List<String> arguments =
        new ArrayList<>(
            Arrays.asList(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + EmbeddedPostgresServer.username(),
                "--spring.datasource.password=" + EmbeddedPostgresServer.password(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--convene.notifier.delivery.quiet-period=0ms",
                "--convene.notifier.delivery.poll-interval=20ms",
                "--convene.notifier.delivery.relay-limit.messages-per-second=" + notifierRate,
                "--convene.notifier.delivery.smtp.max-messages-per-connection=100000"));
    arguments.addAll(0, BenchSupport.productConfiguration());
    arguments.addAll(BenchSupport.notifierArguments(options));
    return new SpringApplicationBuilder(NotifierApplication.class)
        .web(WebApplicationType.NONE)
        .run(arguments.toArray(String[]::new));
  }

  private static String domainOf(MeetingScheduled meeting) {
    return meeting.meeting().organiser().email().replaceFirst("^.*@", "");
  }

  private static String address(String domain, int participant) {
    return "p" + participant + "@" + domain;
  }

  /** A meeting of {@code participants} voting members, each of its own mailbox in its domain. */
  private static MeetingScheduled scheduled(String name, int participants, LocalDateTime start) {
    String domain = name + ".bench.example.org";
    List<Participant> people = new ArrayList<>();
    for (int i = 0; i < participants; i++) {
      people.add(
          new Participant("P" + i, address(domain, i), ParticipantRole.VOTING, "en", null, null));
    }
    MeetingSnapshot snapshot =
        new MeetingSnapshot(
            "Bench meeting " + name,
            "",
            new Person("Office", "office@" + domain),
            start,
            start.plusHours(1),
            "UTC",
            "Room 2",
            null,
            List.of(),
            people,
            List.of(),
            MeetingStatus.SCHEDULED);
    return new MeetingScheduled(EventId.random(), MeetingId.random(), 1, Instant.now(), snapshot);
  }

  private static MeetingCancelled cancelled(MeetingScheduled scheduled) {
    MeetingSnapshot before = scheduled.meeting();
    MeetingSnapshot snapshot =
        new MeetingSnapshot(
            before.title(),
            before.description(),
            before.organiser(),
            before.start(),
            before.end(),
            before.timeZone(),
            before.location(),
            before.onlineLink(),
            before.documents(),
            before.participants(),
            before.agenda(),
            MeetingStatus.CANCELLED);
    return new MeetingCancelled(
        EventId.random(), scheduled.meetingId(), 2, Instant.now(), snapshot, "Called off");
  }
}
