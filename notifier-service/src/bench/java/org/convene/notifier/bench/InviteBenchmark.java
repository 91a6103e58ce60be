package org.convene.notifier.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.convene.events.AgendaItem;
import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Person;
import org.convene.events.ReferenceDocument;
import org.convene.notifier.NotifierApplication;
import org.convene.notifier.NotifierProperties;
import org.convene.notifier.invitation.InvitationBench;
import org.convene.notifier.invitation.Notice;
import org.convene.notifier.invitation.NoticeKind;
import org.convene.testing.EmbeddedPostgresServer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invitation e-mails per second through the whole notifier (Kafka, ledger, dispatcher, rendering,
 * MIME, SMTP) for meetings of 50 participants, to an SMTP server in another process, beside the raw
 * limits of its two costly stages measured in the same run on the same machine:
 *
 * <ol>
 *   <li>render + iCal: one recipient's view, subject, text, HTML, description and calendar, from
 *       scratch, nothing shared;
 *   <li>MIME + SMTP: writing the MIME message of texts rendered before and sending it over
 *       connections that stay open.
 * </ol>
 *
 * Not a test: run it with {@code notifier-service/bench/run-invite-bench.sh}, which starts
 * Postfix's {@code smtp-sink}. Arguments ({@code name=value}): {@code smtp-port} (2525), {@code
 * meetings} (400), {@code participants} (50), {@code threads} (3, as the notifier's default),
 * {@code batch-size} (100), {@code warm-up-meetings} (40), {@code raw-messages} (5000), {@code
 * without-reminders} (false: the whole notifier, reminder planning included, reads the events),
 * {@code statements} (false: true prints the database's time per statement, from
 * pg_stat_statements, which costs a little throughput).
 */
public final class InviteBenchmark {

  private static final String TOPIC = "convene.meeting-events";
  private static final Clock CLOCK = Clock.systemUTC();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, String> options;
  private final int smtpPort;
  private final int meetings;
  private final int participants;
  private final int threads;
  private final int batchSize;
  private final int warmUpMeetings;
  private final int rawMessages;
  private final boolean statements;

  private InviteBenchmark(Map<String, String> options) {
    this.options = options;
    this.smtpPort = BenchSupport.option(options, "smtp-port", 2525);
    this.meetings = BenchSupport.option(options, "meetings", 400);
    this.participants = BenchSupport.option(options, "participants", 50);
    this.threads = BenchSupport.option(options, "threads", 3);
    this.batchSize = BenchSupport.option(options, "batch-size", 100);
    this.warmUpMeetings = BenchSupport.option(options, "warm-up-meetings", 40);
    this.rawMessages = BenchSupport.option(options, "raw-messages", 5000);
    this.statements = Boolean.parseBoolean(options.getOrDefault("statements", "false"));
    if (statements) {
      System.setProperty(EmbeddedPostgresServer.TRACK_STATEMENTS, "true");
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchSupport.options(args);
    BenchSupport.runThenExit(() -> new InviteBenchmark(options).run());
  }

  private void run() throws Exception {
    System.out.printf(
        "Invite benchmark: %d meetings x %d participants, %d dispatcher threads, batches of %d, %d cores, SMTP 127.0.0.1:%d%n",
        meetings,
        participants,
        threads,
        batchSize,
        Runtime.getRuntime().availableProcessors(),
        smtpPort);
    System.out.println("load average before: " + BenchSupport.loadAverage());
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2, TOPIC);
    broker.afterPropertiesSet();
    String database = EmbeddedPostgresServer.jdbcUrl("notifier_bench");

    // The raw stages' messages are garbage once measured: out of scope before the notifier runs,
    // so that its collections do not carry them.
    List<Rate> raw = rawLimits();
    Rate renderOne = raw.get(0);
    Rate renderMany = raw.get(1);
    Rate mimeOne = raw.get(2);
    Rate mimeMany = raw.get(3);
    System.gc();

    Rate pipeline;
    try (ConfigurableApplicationContext notifier = notifier(broker.getBrokersAsString(), database);
        KafkaProducer<String, byte[]> scheduler =
            BenchSupport.producer(broker.getBrokersAsString())) {
      JdbcClient ledger = notifier.getBean(JdbcClient.class);
      MeterRegistry meters = notifier.getBean(MeterRegistry.class);
      deliver(scheduler, meters, "warm", warmUpMeetings);
      if (statements) {
        ledger.sql("create extension if not exists pg_stat_statements").update();
        ledger.sql("select pg_stat_statements_reset()").query().singleValue();
      }
      pipeline = deliver(scheduler, meters, "bench", meetings);
      if (statements) {
        printStatements(ledger);
      }
    }

    Rate slowerSingle = slower(renderOne, mimeOne);
    Rate slowerParallel = slower(renderMany, mimeMany);
    System.out.println();
    System.out.printf("%-44s %10s%n", "stage", "e-mails/s");
    for (Rate rate : List.of(renderOne, renderMany, mimeOne, mimeMany, pipeline)) {
      System.out.printf("%-44s %10.0f%n", rate.name(), rate.perSecond());
    }
    System.out.printf("%nwhole notifier: %.0f e-mails/s (target >= 1500)%n", pipeline.perSecond());
    System.out.printf(
        "whole notifier / slower raw limit on one thread, one connection (%s, %.0f/s) = %.2f (target >= 0.80)%n",
        slowerSingle.name(),
        slowerSingle.perSecond(),
        pipeline.perSecond() / slowerSingle.perSecond());
    System.out.printf(
        "whole notifier / slower raw limit at the notifier's parallelism (%s, %.0f/s) = %.2f%n",
        slowerParallel.name(),
        slowerParallel.perSecond(),
        pipeline.perSecond() / slowerParallel.perSecond());
    System.out.println(
        "load average after: "
            + BenchSupport.loadAverage()
            + " (other work on the machine skews every figure alike)");
    broker.destroy();
  }

  /**
   * The raw limits of the two costly stages: render + iCal on 1 and n threads, MIME + SMTP on 1 and
   * n connections.
   */
  private List<Rate> rawLimits() throws Exception {
    Properties mailProperties = new Properties();
    mailProperties.put("mail.smtp.socketFactory", noDelaySocketFactory());
    Session session = Session.getInstance(mailProperties);
    InvitationBench stages =
        new InvitationBench(
            session, new NotifierProperties(TOPIC, "meetings@convene.local", "en"), CLOCK);
    List<Notice> sample = new ArrayList<>();
    while (sample.size() < rawMessages) {
      MeetingScheduled event = meeting("raw" + sample.size());
      for (Participant participant : event.meeting().participants()) {
        sample.add(new Notice(NoticeKind.INVITATION, event, participant));
      }
    }

    // Warm the JIT on both stages before timing them.
    render(stages, sample.subList(0, Math.min(2000, sample.size())), 1);
    mimeAndSmtp(
        stages,
        session,
        render(stages, sample.subList(0, participants), 1),
        Math.min(2000, rawMessages),
        1);

    Rate renderOne = timed("render + iCal, 1 thread", rawMessages, () -> render(stages, sample, 1));
    Rate renderMany =
        timed(
            "render + iCal, " + threads + " threads",
            rawMessages,
            () -> render(stages, sample, threads));
    List<InvitationBench.Rendered> rendered = render(stages, sample.subList(0, participants), 1);
    Rate mimeOne =
        timed(
            "MIME + SMTP, 1 connection",
            rawMessages,
            () -> mimeAndSmtp(stages, session, rendered, rawMessages, 1));
    Rate mimeMany =
        timed(
            "MIME + SMTP, " + threads + " connections",
            rawMessages,
            () -> mimeAndSmtp(stages, session, rendered, rawMessages, threads));

    return List.of(renderOne, renderMany, mimeOne, mimeMany);
  }

  private static Rate slower(Rate a, Rate b) {
    return a.perSecond() < b.perSecond() ? a : b;
  }

  /** Publishes the meetings and waits until every invitation is SENT; the rate over that time. */
  private Rate deliver(
      KafkaProducer<String, byte[]> scheduler, MeterRegistry ledger, String name, int count)
      throws Exception {
    long before = sent(ledger);
    long expected = before + (long) count * participants;
    List<MeetingScheduled> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(meeting(name + i));
    }
    long start = System.nanoTime();
    List<Future<?>> sends = new ArrayList<>();
    for (MeetingScheduled event : events) {
      sends.add(scheduler.send(BenchSupport.record(TOPIC, event, JSON)));
    }
    for (Future<?> send : sends) {
      send.get(30, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (sent(ledger) < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Only "
                + (sent(ledger) - before)
                + " of "
                + (expected - before)
                + " sent in 10 minutes");
      }
      Thread.sleep(20);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Rate rate =
        new Rate(
            name.equals("warm")
                ? "whole notifier (warm-up)"
                : "whole notifier: Kafka -> ledger -> SMTP",
            count * participants / seconds);
    System.out.printf("%s: %d e-mails in %.2f s%n", rate.name(), count * participants, seconds);
    return rate;
  }

  /** The statements that took the database's time during the measured run, costliest first. */
  private void printStatements(JdbcClient ledger) {
    System.out.printf(
        "%nDatabase time per statement during the measured run (pg_stat_statements), per e-mail:%n");
    double emails = (double) meetings * participants;
    ledger
        .sql(
            """
            select total_exec_time, calls, rows, regexp_replace(left(query, 140), '\\s+', ' ', 'g') as query
            from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
            order by total_exec_time desc limit 15
            """)
        .query(
            (row, number) ->
                String.format(
                    Locale.ROOT,
                    "%8.0f ms %7.3f ms/e-mail %8d calls %8d rows  %s",
                    row.getDouble(1),
                    row.getDouble(1) / emails,
                    row.getLong(2),
                    row.getLong(3),
                    row.getString(4)))
        .list()
        .forEach(System.out::println);
    // Since the database started: an update that changes no indexed column and finds room on its
    // page (HOT) writes no index entry.
    ledger
        .sql(
            "select n_tup_ins, n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = 'delivery'")
        .query(
            (row, number) ->
                String.format(
                    Locale.ROOT,
                    "delivery rows since start: %d inserted, %d updated, of which %d HOT",
                    row.getLong(1),
                    row.getLong(2),
                    row.getLong(3)))
        .list()
        .forEach(System.out::println);
  }

  /**
   * Messages the notifier has sent, from its own counter. Not by counting the ledger's SENT rows:
   * every 20 ms that was a scan of the whole ledger, which grew to 15 ms of the database's CPU each
   * time, a third of a core taken from the notifier it measures.
   */
  private static long sent(MeterRegistry meters) {
    return Math.round(
        meters.find("convene.notifier.deliveries").tag("outcome", "sent").counters().stream()
            .mapToDouble(Counter::count)
            .sum());
  }

  private ConfigurableApplicationContext notifier(String bootstrapServers, String database) {
    SpringApplicationBuilder builder =
        new SpringApplicationBuilder(NotifierApplication.class).web(WebApplicationType.NONE);
    if (Boolean.parseBoolean(options.getOrDefault("without-reminders", "false"))) {
      // Invitations alone: the reminder planner, which reads the same events, left out.
      builder.initializers(context -> context.addBeanFactoryPostProcessor(new WithoutReminders()));
    }
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + EmbeddedPostgresServer.username(),
                "--spring.datasource.password=" + EmbeddedPostgresServer.password(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--convene.notifier.delivery.quiet-period=0ms",
                "--convene.notifier.delivery.poll-interval="
                    + options.getOrDefault("poll-interval", "20ms"),
                "--convene.notifier.delivery.threads=" + threads,
                "--convene.notifier.delivery.batch-size=" + batchSize,
                "--convene.notifier.delivery.smtp.max-messages-per-connection=100000"));
    // Later arguments win: settings given to the benchmark override these.
    arguments.addAll(0, BenchSupport.productConfiguration());
    arguments.addAll(BenchSupport.notifierArguments(options));
    return builder.run(arguments.toArray(String[]::new));
  }

  /** Removes the reminder feature's beans, to measure the invitations on their own. */
  private static final class WithoutReminders
      implements org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor {

    @Override
    public void postProcessBeanDefinitionRegistry(
        org.springframework.beans.factory.support.BeanDefinitionRegistry registry) {
      for (String name : registry.getBeanDefinitionNames()) {
        String type = registry.getBeanDefinition(name).getBeanClassName();
        if (type != null && type.startsWith("org.convene.notifier.reminder.")) {
          registry.removeBeanDefinition(name);
        }
      }
    }
  }

  private static List<InvitationBench.Rendered> render(
      InvitationBench stages, List<Notice> notices, int threads) {
    if (threads == 1) {
      return notices.stream().map(stages::render).toList();
    }
    return parallel(notices.size(), threads, i -> stages.render(notices.get(i)));
  }

  /**
   * Sends {@code count} messages, writing each one's MIME from texts rendered before, over {@code
   * connections} open connections.
   */
  private Object mimeAndSmtp(
      InvitationBench stages,
      Session session,
      List<InvitationBench.Rendered> rendered,
      int count,
      int connections) {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        workers.add(
            pool.submit(
                () -> {
                  Transport transport = session.getTransport("smtp");
                  transport.connect("127.0.0.1", smtpPort, null, null);
                  try {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                      MimeMessage message = stages.mime(rendered.get(i % rendered.size()));
                      transport.sendMessage(message, message.getAllRecipients());
                    }
                  } finally {
                    transport.close();
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
  }

  private static <T> List<T> parallel(
      int count, int threads, java.util.function.IntFunction<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<T>>> parts = new ArrayList<>();
      int chunk = (count + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        int from = t * chunk;
        int to = Math.min(count, from + chunk);
        parts.add(
            pool.submit(
                () -> {
                  List<T> out = new ArrayList<>(to - from);
                  for (int i = from; i < to; i++) {
                    out.add(task.apply(i));
                  }
                  return out;
                }));
      }
      List<T> all = new ArrayList<>(count);
      for (Future<List<T>> part : parts) {
        all.addAll(part.get());
      }
      return all;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
  }

  private static Rate timed(String name, int count, Runnable stage) {
    long start = System.nanoTime();
    stage.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    Rate rate = new Rate(name, count / seconds);
    System.out.printf("%s: %d e-mails in %.2f s%n", name, count, seconds);
    return rate;
  }

  private record Rate(String name, double perSecond) {}

  /**
   * A meeting like the seed documents' work planning meeting, with {@link #participants}
   * participants: one chair, voting members, non-voting attendees and information copies, half of
   * them reading Chinese, some in another time zone; an agenda of five items.
   */
  private MeetingScheduled meeting(String name) {
    String domain = name + ".bench.example.org";
    List<Participant> people = new ArrayList<>();
    for (int i = 0; i < participants; i++) {
      ParticipantRole role =
          i == 0
              ? ParticipantRole.CHAIR
              : i % 10 == 9
                  ? ParticipantRole.INFORMATION
                  : i % 4 == 3 ? ParticipantRole.NON_VOTING : ParticipantRole.VOTING;
      String language = i % 2 == 0 ? "zh-CN" : "en";
      String zone = i % 7 == 6 ? "Europe/Berlin" : null;
      String display = i % 2 == 0 ? "区协会负责人 " + i : "District lead " + i;
      people.add(
          new Participant(
              display,
              "p" + i + "@" + domain,
              role,
              language,
              zone,
              i % 3 == 0 ? "District associations" : null));
    }
    List<AgendaItem> agenda = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      agenda.add(
          new AgendaItem(
              "Work plan of district group " + (i + 1) + " / 第" + (i + 1) + "组工作计划",
              "p" + (i * 3) + "@" + domain,
              20,
              i % 2 == 0 ? "Ten minutes each" : null,
              "item-" + i));
    }
    MeetingSnapshot snapshot =
        new MeetingSnapshot(
            "2020 work planning and docking meeting / 工作计划对接会 " + name,
            "Leaders of the 16 district associations and the affiliated centres report their plans for the year.",
            new Person("BAST General Office", "office@" + domain),
            LocalDateTime.parse("2026-12-27T09:00"),
            LocalDateTime.parse("2026-12-27T11:00"),
            "Asia/Shanghai",
            "BAST head office, meeting room 2",
            "https://meet.example.org/j/123456",
            List.of(
                new ReferenceDocument(
                    "Work plan 2020 (draft)", "https://docs.example.org/plan-2020.pdf")),
            people,
            agenda,
            MeetingStatus.SCHEDULED);
    return new MeetingScheduled(EventId.random(), MeetingId.random(), 1, Instant.now(), snapshot);
  }

  /**
   * The notifier's TCP_NODELAY sockets, for the raw SMTP limit (the class is the system package's
   * own).
   */
  private static Object noDelaySocketFactory() throws ReflectiveOperationException {
    var constructor =
        Class.forName("org.convene.notifier.system.NoDelaySocketFactory").getDeclaredConstructor();
    constructor.setAccessible(true);
    return constructor.newInstance();
  }
}
