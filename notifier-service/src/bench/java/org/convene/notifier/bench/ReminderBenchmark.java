package org.convene.notifier.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.convene.events.EventId;
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
import org.quartz.Scheduler;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reminder benchmark: how fast reminders are planned, and how late they go out when a burst of
 * them falls due in the same minute over a job store holding a million pending triggers.
 *
 * <ol>
 *   <li>Planning: {@code plan-meetings} (100,000) meetings, default offsets (1d, 1h: two reminder
 *       triggers and the plan's expiry trigger each), handed straight to the notifier's
 *       ReminderPlanner bean ({@code plan(event)}, by reflection: the class is package-private)
 *       from {@code plan-threads} (2) threads, not through Kafka; meetings/s.
 *   <li>Background: the job store filled to {@code stored-triggers} (1,000,000) trigger rows by SQL
 *       ({@code INSERT ... SELECT} over {@code generate_series}), copies of the rows the planner
 *       wrote for one template meeting (job, two reminder triggers, expiry trigger, their simple
 *       triggers; names, job data and times rewritten), all due months ahead.
 *   <li>Burst: {@code burst-meetings} (10,000) meetings of {@code participants} (3) participants
 *       published to Kafka, as the scheduler would, so that the notifier records their events and
 *       invitations and its own listener plans their reminders; each meeting's 1-hour reminder
 *       falls due within one calendar minute, whole seconds spread evenly over it (the 1-day one
 *       has passed and is skipped). Once the minute has passed and every reminder was handed over:
 *       lateness (hand-over minus due) p50/p99/max, measured by wrapping the application's
 *       ReminderSink bean; and, when the sink writes the delivery ledger, the hand-over lateness
 *       per reminder (first {@code created_at} minus {@code reminder_due_at}), the SMTP lateness
 *       per e-mail ({@code sent_at} minus {@code reminder_due_at}) and the e-mails handed to SMTP
 *       within the minute.
 * </ol>
 *
 * Not a test: run it with {@code notifier-service/bench/run-reminder-bench.sh}, which starts
 * Postfix's {@code smtp-sink}. Arguments ({@code name=value}): {@code smtp-port} (2525), {@code
 * plan-meetings}, {@code plan-threads}, {@code warm-up-meetings} (2000), {@code stored-triggers},
 * {@code burst-meetings}, {@code participants}, {@code burst-lead-seconds} (0: from the planning
 * rate), {@code drain-timeout-seconds} (600). Any {@code spring.*} or {@code convene.*} argument
 * goes to the notifier, such as {@code
 * spring.quartz.properties.org.quartz.threadPool.threadCount=8}.
 */
public final class ReminderBenchmark {

  private static final String TOPIC = "convene.meeting-events";
  private static final String SCHEDULER = "convene-notifier";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final String ACQUIRE =
      "SELECT TRIGGER_NAME, TRIGGER_GROUP, NEXT_FIRE_TIME, PRIORITY FROM QRTZ_TRIGGERS WHERE SCHED_NAME = '"
          + SCHEDULER
          + "' AND TRIGGER_STATE = 'WAITING' AND NEXT_FIRE_TIME <= %d AND (MISFIRE_INSTR = -1 OR (MISFIRE_INSTR <> -1 AND NEXT_FIRE_TIME >= %d))"
          + " ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC";

  private final Map<String, String> options;
  private final int smtpPort;
  private final int planMeetings;
  private final int planThreads;
  private final int warmUpMeetings;
  private final int storedTriggers;
  private final int burstMeetings;
  private final int participants;
  private final int burstLeadSeconds;
  private final int drainTimeoutSeconds;
  private final List<String> figures = new ArrayList<>();

  private ReminderBenchmark(Map<String, String> options) {
    this.options = options;
    this.smtpPort = BenchSupport.option(options, "smtp-port", 2525);
    this.planMeetings = BenchSupport.option(options, "plan-meetings", 100_000);
    this.planThreads = BenchSupport.option(options, "plan-threads", 2);
    this.warmUpMeetings = BenchSupport.option(options, "warm-up-meetings", 2000);
    this.storedTriggers = BenchSupport.option(options, "stored-triggers", 1_000_000);
    this.burstMeetings = BenchSupport.option(options, "burst-meetings", 10_000);
    this.participants = BenchSupport.option(options, "participants", 3);
    this.burstLeadSeconds = BenchSupport.option(options, "burst-lead-seconds", 0);
    this.drainTimeoutSeconds = BenchSupport.option(options, "drain-timeout-seconds", 600);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchSupport.options(args);
    int status = 0;
    try {
      new ReminderBenchmark(options).run();
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private void run() throws Exception {
    System.out.printf(
        "Reminder benchmark: plan %d meetings (%d threads), %d pending triggers stored, burst of %d meetings x %d participants;"
            + " %d cores, SMTP 127.0.0.1:%d%n",
        planMeetings,
        planThreads,
        storedTriggers,
        burstMeetings,
        participants,
        Runtime.getRuntime().availableProcessors(),
        smtpPort);
    String loadBefore = BenchSupport.loadAverage();
    System.out.println("load average before: " + loadBefore);
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2, TOPIC);
    broker.afterPropertiesSet();
    String database = EmbeddedPostgresServer.jdbcUrl("notifier_reminder_bench");
    ReminderLateness lateness = new ReminderLateness();

    try (ConfigurableApplicationContext notifier =
            notifier(broker.getBrokersAsString(), database, lateness);
        KafkaProducer<String, byte[]> producer =
            BenchSupport.producer(broker.getBrokersAsString())) {
      printSettings(notifier);
      JdbcClient db = notifier.getBean(JdbcClient.class);
      DataSource dataSource = notifier.getBean(DataSource.class);
      Planner planner = new Planner(notifier);

      // 1. Planning through the planner bean.
      Instant far = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MINUTES);
      plan(planner, "warm-up", warmUpMeetings, far);
      long start = System.nanoTime();
      plan(planner, "timed", planMeetings, far.plus(Duration.ofDays(1)));
      double seconds = (System.nanoTime() - start) / 1e9;
      double perSecond = planMeetings / seconds;
      long triggers = triggerRows(db);
      figure(
          "plan %d meetings via ReminderPlanner.plan (direct bean call, %d threads): %.1f s, %.0f meetings/s, %.0f trigger writes/s",
          planMeetings, planThreads, seconds, perSecond, perSecond * 3);

      // 2. The background: a million pending triggers.
      background(db, dataSource, planner, far.plus(Duration.ofDays(40)));
      triggers = triggerRows(db);
      figure(
          "pending triggers stored before the burst: %d (%d planned through the planner, the rest bulk-inserted by SQL)",
          triggers, (warmUpMeetings + planMeetings + 1) * 3L);
      explain(
          dataSource,
          "acquire query, idle job store (no trigger due)",
          System.currentTimeMillis() + 30_000,
          System.currentTimeMillis() - 60_000);

      // 3. The burst.
      double leadSeconds =
          burstLeadSeconds > 0
              ? burstLeadSeconds
              : Math.max(120, 90 + 2.0 * burstMeetings / perSecond);
      Instant from =
          Instant.now()
              .plusSeconds((long) leadSeconds)
              .truncatedTo(ChronoUnit.MINUTES)
              .plus(Duration.ofMinutes(1));
      Instant to = from.plusSeconds(60);
      lateness.watch(from, to, burstMeetings * 2);
      System.out.printf(
          "burst: %d reminders due in [%s, %s), planned now through Kafka (the notifier's own listener)%n",
          burstMeetings, from, to);
      long published = System.nanoTime();
      List<Future<?>> sends = new ArrayList<>();
      // A warm-up for the firing path (this JVM has not fired a reminder yet): a tenth of the burst
      // due
      // in the half-minute before the minute, published first; not measured.
      int warmUp = burstMeetings / 10;
      for (int i = 0; i < warmUp; i++) {
        Instant due = from.minusSeconds(60).plusSeconds((i * 30L) / warmUp);
        MeetingScheduled event =
            meeting(
                "fire-warm-up" + i, LocalDateTime.ofInstant(due.plus(Duration.ofHours(1)), ZONE));
        sends.add(producer.send(BenchSupport.record(TOPIC, event, JSON)));
      }
      for (int i = 0; i < burstMeetings; i++) {
        Instant due = from.plusSeconds((i * 60L) / burstMeetings);
        MeetingScheduled event =
            meeting("burst" + i, LocalDateTime.ofInstant(due.plus(Duration.ofHours(1)), ZONE));
        sends.add(producer.send(BenchSupport.record(TOPIC, event, JSON)));
      }
      for (Future<?> send : sends) {
        send.get(60, TimeUnit.SECONDS);
      }
      long expectedInvitations = (long) (burstMeetings + warmUp) * participants;
      while (dueIn(db, from, to) < burstMeetings || invitationsSent(db) < expectedInvitations) {
        if (Instant.now().isAfter(from)) {
          figure(
              "NOT READY: at the burst's start only %d of %d reminders were planned and %d of %d invitations sent; raise burst-lead-seconds",
              dueIn(db, from, to), burstMeetings, invitationsSent(db), expectedInvitations);
          break;
        }
        Thread.sleep(200);
      }
      double planned = (System.nanoTime() - published) / 1e9;
      figure(
          "burst planned through Kafka (and its %d invitations sent) in %.1f s (%.0f meetings/s); %d s to spare before the minute",
          expectedInvitations,
          planned,
          burstMeetings / planned,
          Duration.between(Instant.now(), from).toSeconds());
      explain(
          dataSource,
          "acquire query, burst ahead (idleWaitTime 30 s window)",
          from.toEpochMilli() + 30_000,
          from.toEpochMilli() - 60_000);
      ActiveQueries active = new ActiveQueries(dataSource);
      Thread sampler =
          Thread.ofPlatform()
              .daemon()
              .name("active-queries")
              .start(() -> active.sample(to.plusSeconds(120)));

      // 4. The minute.
      long deadline = to.toEpochMilli() + drainTimeoutSeconds * 1000L;
      while (lateness.recorded() + lateness.missed() < burstMeetings
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      long[] late = lateness.sorted();
      figure(
          "reminders handed to the sink (%s): %d of %d, %d missed, %d outside the window",
          lateness.sinkType(), late.length, burstMeetings, lateness.missed(), lateness.outside());
      if (late.length > 0) {
        figure(
            "hand-over lateness (sink entry - due), ms: p50 %d, p90 %d, p99 %d, max %d, min %d  (target p99 <= 2000)",
            pct(late, 0.50), pct(late, 0.90), pct(late, 0.99), late[late.length - 1], late[0]);
        long[] busy = lateness.sortedSinkMillis();
        figure(
            "time inside the sink's due() per reminder, ms: p50 %d, p99 %d, max %d",
            pct(busy, 0.5), pct(busy, 0.99), busy[busy.length - 1]);
        double span = (lateness.lastHandOverMillis() - lateness.firstHandOverMillis()) / 1000.0;
        figure(
            "hand-over rate: first at %s, last at %s (%.1f s after the minute's end); %.0f reminders/s over that span",
            Instant.ofEpochMilli(lateness.firstHandOverMillis()),
            Instant.ofEpochMilli(lateness.lastHandOverMillis()),
            (lateness.lastHandOverMillis() - to.toEpochMilli()) / 1000.0,
            span > 0 ? late.length / span : 0);
      }
      sampler.interrupt();
      figure(
          "database sessions seen active during the burst (sampled every 100 ms from its start to 2 min after), by statement: %s",
          active.top(6));
      ledger(db, from, to, deadline);
      printQuartzCounts(db);
    } finally {
      System.out.println();
      figures.forEach(System.out::println);
      System.out.println(
          "load average before: "
              + loadBefore
              + "; after: "
              + BenchSupport.loadAverage()
              + " (other work on the machine skews every figure alike)");
      broker.destroy();
    }
  }

  /**
   * Plans {@code count} meetings far ahead through the planner bean, from {@code planThreads}
   * threads.
   */
  private void plan(Planner planner, String name, int count, Instant around) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(planThreads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < planThreads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  int i;
                  while ((i = next.getAndIncrement()) < count) {
                    // Spread over ~a year, on whole minutes.
                    Instant start = around.plus(Duration.ofMinutes((i * 7L) % 500_000));
                    planner.plan(meeting(name + i, LocalDateTime.ofInstant(start, ZONE)));
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Fills the job store up to {@link #storedTriggers} trigger rows with copies of one planned
   * meeting's rows, each meeting shifted by whole minutes so that the triggers spread over months.
   */
  private void background(JdbcClient db, DataSource dataSource, Planner planner, Instant around)
      throws Exception {
    long missing = storedTriggers - triggerRows(db);
    if (missing <= 0) {
      return;
    }
    MeetingScheduled template = meeting("template", LocalDateTime.ofInstant(around, ZONE));
    planner.plan(template);
    String id = template.meetingId().toString();
    long meetings = (missing + 2) / 3;
    long started = System.nanoTime();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      // The template's due times, as its job data writes them (java.util.Properties escapes ':').
      Map<String, Long> instants = new TreeMap<>();
      try (ResultSet rs =
          s.executeQuery(
              "select next_fire_time from qrtz_triggers where job_name = '" + id + "'")) {
        while (rs.next()) {
          long ms = rs.getLong(1);
          instants.put(Instant.ofEpochMilli(ms).toString().replace(":", "\\:"), ms);
        }
      }
      // Each copy: a new meeting id, every time moved by a whole number of minutes.
      s.execute("drop table if exists bench_background");
      s.execute("set work_mem = '256MB'");
      s.execute(
          "create unlogged table bench_background as select gen_random_uuid()::text as id, (g::bigint * 60000) as shift"
              + " from generate_series(1, "
              + meetings
              + ") g");
      s.execute("analyze bench_background");
      String data = rewrite("convert_from(t.job_data, 'UTF8')", id, instants);
      template(s, "qrtz_job_details", "job_name = '" + id + "'");
      exec(
          c,
          "insert into qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent,"
              + " is_update_data, requests_recovery, job_data)"
              + " select t.sched_name, b.id, t.job_group, replace(t.description, '"
              + id
              + "', b.id), t.job_class_name, t.is_durable,"
              + " t.is_nonconcurrent, t.is_update_data, t.requests_recovery, convert_to("
              + data
              + ", 'UTF8')"
              + " from bench_background b, t");
      template(s, "qrtz_triggers", "job_name = '" + id + "'");
      exec(
          c,
          "insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time,"
              + " prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, job_data)"
              + " select t.sched_name, replace(t.trigger_name, '"
              + id
              + "', b.id), t.trigger_group, b.id, t.job_group,"
              + " replace(t.description, '"
              + id
              + "', b.id), t.next_fire_time + b.shift, t.prev_fire_time, t.priority, t.trigger_state,"
              + " t.trigger_type, t.start_time + b.shift, t.end_time, t.calendar_name, t.misfire_instr, convert_to("
              + data
              + ", 'UTF8')"
              + " from bench_background b, t");
      template(s, "qrtz_simple_triggers", "trigger_name like '" + id + "%'");
      exec(
          c,
          "insert into qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered)"
              + " select t.sched_name, replace(t.trigger_name, '"
              + id
              + "', b.id), t.trigger_group, t.repeat_count, t.repeat_interval,"
              + " t.times_triggered from bench_background b, t");
      s.execute("drop table bench_background");
      s.execute("analyze");
    }
    figure(
        "bulk-inserted %d meetings' job-store rows (%d triggers) by SQL in %.1f s",
        meetings, meetings * 3, (System.nanoTime() - started) / 1e9);
  }

  /**
   * The template meeting's rows of {@code table}, copied into the temporary table {@code t} first:
   * read in the INSERT itself, the scan of the table being filled can wade through every row
   * inserted so far.
   */
  private static void template(Statement s, String table, String condition)
      throws java.sql.SQLException {
    s.execute("drop table if exists t");
    s.execute(
        "create temporary table t as select * from "
            + table
            + " where sched_name = '"
            + SCHEDULER
            + "' and "
            + condition);
  }

  /** SQL that rewrites the template's job data text for the copy {@code b}. */
  private static String rewrite(String text, String id, Map<String, Long> instants) {
    String sql = "replace(" + text + ", '" + id + "', b.id)";
    for (Map.Entry<String, Long> instant : instants.entrySet()) {
      sql =
          "replace("
              + sql
              + ", '"
              + instant.getKey()
              + "', replace(to_char(to_timestamp(("
              + instant.getValue()
              + " + b.shift) / 1000) at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ':', '\\:'))";
    }
    return sql;
  }

  private static void exec(Connection c, String sql) throws Exception {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.executeUpdate();
    }
  }

  /**
   * EXPLAIN ANALYZE of Quartz's acquisition query as Quartz sends it: a prepared statement whose
   * time bounds are numeric (StdJDBCDelegate binds them with setBigDecimal), first as a custom plan
   * (what PostgreSQL plans for the first executions), then as the generic plan it may switch to.
   */
  private void explain(DataSource dataSource, String name, long noLaterThan, long noEarlierThan)
      throws Exception {
    for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
      StringBuilder plan = new StringBuilder();
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("set plan_cache_mode = " + mode);
        s.execute(
            "prepare bench_acquire(numeric, numeric) as "
                + ACQUIRE
                    .replace("%d", "\u0000")
                    .replaceFirst("\u0000", "\\$1")
                    .replaceFirst("\u0000", "\\$2"));
        try (ResultSet rs =
            s.executeQuery(
                "explain (analyze, buffers) execute bench_acquire("
                    + noLaterThan
                    + ", "
                    + noEarlierThan
                    + ")")) {
          while (rs.next()) {
            plan.append("    ").append(rs.getString(1)).append('\n');
          }
        } finally {
          s.execute("deallocate bench_acquire");
          s.execute("reset plan_cache_mode");
        }
      }
      System.out.printf("EXPLAIN %s, %s:%n%s", name, mode, plan);
      String text = plan.toString().strip();
      String index =
          plan.toString()
              .lines()
              .filter(line -> line.contains(" on "))
              .map(String::strip)
              .findFirst()
              .orElse("");
      figure(
          "%s (%s): %s; first scan: %s",
          name, mode, text.substring(text.lastIndexOf('\n') + 1).strip(), index);
    }
  }

  /** Which statements the database is busy with, sampled. */
  private static final class ActiveQueries {

    private final DataSource dataSource;
    private final Map<String, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();

    ActiveQueries(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    void sample(Instant until) {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        while (Instant.now().isBefore(until) && !Thread.currentThread().isInterrupted()) {
          try (ResultSet rs =
              s.executeQuery(
                  "select left(regexp_replace(query, '\\s+', ' ', 'g'), 90) from pg_stat_activity"
                      + " where state = 'active' and datname = current_database() and pid <> pg_backend_pid()")) {
            while (rs.next()) {
              seen.merge(rs.getString(1), 1, Integer::sum);
            }
          }
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        seen.merge("(sampling failed: " + e + ")", 1, Integer::sum);
      }
    }

    String top(int n) {
      return seen.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(n)
          .map(e -> e.getValue() + "x [" + e.getKey() + "]")
          .toList()
          .toString();
    }
  }

  /**
   * The ledger's view when the sink writes reminders to it: hand-over and SMTP lateness, e-mails
   * sent in the minute.
   */
  private void ledger(JdbcClient db, Instant from, Instant to, long deadline) throws Exception {
    String window = "kind = 'REMINDER' and reminder_due_at >= :from and reminder_due_at < :to";
    long expected = (long) burstMeetings * participants;
    long rows = count(db, "select count(*) from delivery where " + window, from, to);
    if (rows == 0) {
      figure(
          "delivery ledger: no REMINDER rows for the minute: the sink does not write the ledger (yet), so no reminder e-mails were handed to SMTP");
      return;
    }
    while (count(
                db,
                "select count(*) from delivery where "
                    + window
                    + " and status in ('SENT', 'FAILED', 'MISSED')",
                from,
                to)
            < expected
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
    }
    Map<String, Long> statuses = new TreeMap<>();
    db.sql("select status, count(*) from delivery where " + window + " group by status")
        .param("from", ts(from))
        .param("to", ts(to))
        .query((rs, n) -> statuses.put(rs.getString(1), rs.getLong(2)))
        .list();
    figure(
        "delivery ledger: %d REMINDER rows for the minute (expected %d): %s",
        rows, expected, statuses);
    long[] created =
        millis(
            db,
            "select (extract(epoch from min(created_at) - reminder_due_at) * 1000)::bigint from delivery where "
                + window
                + " group by meeting_id, reminder_minutes, reminder_due_at",
            from,
            to);
    if (created.length > 0) {
      figure(
          "ledger hand-over lateness per reminder (first created_at - due), ms: p50 %d, p99 %d, max %d (%d reminders)",
          pct(created, 0.5), pct(created, 0.99), created[created.length - 1], created.length);
    }
    long[] sent =
        millis(
            db,
            "select (extract(epoch from sent_at - reminder_due_at) * 1000)::bigint from delivery where "
                + window
                + " and status = 'SENT'",
            from,
            to);
    if (sent.length > 0) {
      figure(
          "SMTP lateness per e-mail (sent_at - due), ms: p50 %d, p99 %d, max %d (%d e-mails)",
          pct(sent, 0.5), pct(sent, 0.99), sent[sent.length - 1], sent.length);
    }
    long inMinute =
        count(
            db,
            "select count(*) from delivery where "
                + window
                + " and status = 'SENT' and sent_at < :to",
            from,
            to);
    long lastSent =
        count(
            db,
            "select coalesce((extract(epoch from max(sent_at) - :to) * 1000)::bigint, 0) from delivery where "
                + window,
            from,
            to);
    figure(
        "e-mails handed to SMTP within the minute: %d of %d (%.0f/s); the last of the %d sent %.1f s after the minute's end",
        inMinute, expected, inMinute / 60.0, sent.length, lastSent / 1000.0);
  }

  private static long count(JdbcClient db, String sql, Instant from, Instant to) {
    return db.sql(sql).param("from", ts(from)).param("to", ts(to)).query(Long.class).single();
  }

  private static long[] millis(JdbcClient db, String sql, Instant from, Instant to) {
    List<Long> values =
        db.sql(sql).param("from", ts(from)).param("to", ts(to)).query(Long.class).list();
    return values.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private static java.sql.Timestamp ts(Instant instant) {
    return java.sql.Timestamp.from(instant);
  }

  private static long pct(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static long triggerRows(JdbcClient db) {
    return db.sql("select count(*) from qrtz_triggers").query(Long.class).single();
  }

  private static long dueIn(JdbcClient db, Instant from, Instant to) {
    return db.sql(
            "select count(*) from qrtz_triggers where trigger_group = 'reminders' and next_fire_time >= ? and next_fire_time < ?")
        .param(from.toEpochMilli())
        .param(to.toEpochMilli())
        .query(Long.class)
        .single();
  }

  private static long invitationsSent(JdbcClient db) {
    return db.sql("select count(*) from delivery where kind = 'INVITATION' and status = 'SENT'")
        .query(Long.class)
        .single();
  }

  private void printQuartzCounts(JdbcClient db) {
    Map<String, Long> states = new TreeMap<>();
    db.sql("select trigger_state, count(*) from qrtz_triggers group by trigger_state")
        .query((rs, n) -> states.put(rs.getString(1), rs.getLong(2)))
        .list();
    figure(
        "trigger states after the burst: %s; fired-trigger rows left: %d",
        states, db.sql("select count(*) from qrtz_fired_triggers").query(Long.class).single());
  }

  private void printSettings(ConfigurableApplicationContext notifier) throws Exception {
    Environment env = notifier.getEnvironment();
    Scheduler scheduler = notifier.getBean(Scheduler.class);
    String prefix = "spring.quartz.properties.org.quartz.";
    StringBuilder settings = new StringBuilder();
    for (String key :
        List.of(
            "threadPool.threadCount",
            "scheduler.batchTriggerAcquisitionMaxCount",
            "scheduler.batchTriggerAcquisitionFireAheadTimeWindow",
            "jobStore.acquireTriggersWithinLock",
            "scheduler.idleWaitTime",
            "jobStore.misfireThreshold",
            "jobStore.isClustered")) {
      settings
          .append(key)
          .append('=')
          .append(env.getProperty(prefix + key, "(default)"))
          .append("; ");
    }
    settings
        .append("hikari.maximum-pool-size=")
        .append(env.getProperty("spring.datasource.hikari.maximum-pool-size", "(default)"));
    figure(
        "settings: %s; scheduler %s, %d threads, job store %s",
        settings,
        scheduler.getSchedulerName(),
        scheduler.getMetaData().getThreadPoolSize(),
        scheduler.getMetaData().getJobStoreClass().getSimpleName());
  }

  private void figure(String format, Object... args) {
    String line = String.format(format, args);
    System.out.println(line);
    figures.add(line);
  }

  private ConfigurableApplicationContext notifier(
      String bootstrapServers, String database, ReminderLateness lateness) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + EmbeddedPostgresServer.username(),
                "--spring.datasource.password=" + EmbeddedPostgresServer.password(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--convene.notifier.delivery.quiet-period=0ms",
                "--convene.notifier.delivery.smtp.max-messages-per-connection=100000"));
    args.addAll(0, BenchSupport.productConfiguration());
    args.addAll(BenchSupport.notifierArguments(options));
    return new SpringApplicationBuilder(NotifierApplication.class)
        .web(WebApplicationType.NONE)
        .initializers(context -> context.getBeanFactory().addBeanPostProcessor(lateness))
        .run(args.toArray(String[]::new));
  }

  /**
   * A one-hour meeting of {@link #participants} (a chair and voting members), default reminder
   * offsets.
   */
  private MeetingScheduled meeting(String name, LocalDateTime start) {
    String domain = name + ".bench.example.org";
    List<Participant> people = new ArrayList<>();
    for (int i = 0; i < participants; i++) {
      people.add(
          new Participant(
              "Member " + i,
              "p" + i + "@" + domain,
              i == 0 ? ParticipantRole.CHAIR : ParticipantRole.VOTING,
              i % 2 == 0 ? "en" : "zh-CN",
              null,
              null));
    }
    MeetingSnapshot snapshot =
        new MeetingSnapshot(
            "Work planning meeting " + name,
            "District associations report their plans.",
            new Person("BAST General Office", "office@" + domain),
            start,
            start.plusHours(1),
            ZONE.getId(),
            "Head office, meeting room 2",
            null,
            List.of(),
            people,
            List.of(),
            MeetingStatus.SCHEDULED);
    return new MeetingScheduled(EventId.random(), MeetingId.random(), 1, Instant.now(), snapshot);
  }

  /**
   * The notifier's ReminderPlanner bean (package-private), called as its Kafka listener calls it.
   */
  private static final class Planner {

    private final Object bean;
    private final Method plan;

    Planner(ConfigurableApplicationContext notifier) throws ReflectiveOperationException {
      Class<?> type = Class.forName("org.convene.notifier.reminder.ReminderPlanner");
      this.bean = notifier.getBean(type);
      this.plan = type.getDeclaredMethod("plan", MeetingEvent.class);
      this.plan.setAccessible(true);
    }

    void plan(MeetingEvent event) {
      try {
        plan.invoke(bean, event);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof RuntimeException runtime
            ? runtime
            : new IllegalStateException(e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
