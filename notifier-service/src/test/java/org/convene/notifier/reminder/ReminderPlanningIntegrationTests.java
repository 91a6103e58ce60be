package org.convene.notifier.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.notifier.NotifierApplication;
import org.convene.notifier.NotifierTestSupport;
import org.convene.notifier.reminder.RecordingReminderSink.Handover;
import org.convene.notifier.testing.TestSmtp;
import org.convene.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerMetaData;
import org.quartz.SimpleTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Reminder planning on a real Kafka broker (KRaft) and PostgreSQL, with the notifier's Quartz
 * scheduler clustered on its JDBC job store: the triggers follow every meeting change, fire once
 * across instances, and late ones are recorded as missed. The hand-overs of this class's meetings
 * are recorded instead of sent ({@link InterceptedReminders}), in the context every notifier
 * integration test shares.
 *
 * <p>The tests' settings keep the waits short: a grace of 30 seconds, misfires looked for every
 * second, idle schedulers looking for triggers planned by other instances every second. Only two
 * tests wait for a due time on the real clock (handed over when due, two schedulers on one
 * database); the others plan reminders days ahead or already due, which Quartz fires at once. The
 * rules of time are tested against a fixed clock in {@link ReminderTimesTests} and {@link
 * ReminderHandOverTests}.
 */
class ReminderPlanningIntegrationTests extends NotifierTestSupport {

  private static final Logger log = LoggerFactory.getLogger(ReminderPlanningIntegrationTests.class);

  static final String SCHEDULER_NAME = "convene-notifier";
  static final String MAIN = InterceptedReminders.MAIN;

  /** How long planning an event (through Kafka) may take, on a busy machine too. */
  static final Duration PLANNING = Duration.ofSeconds(30);

  /** How long a reminder due in a few seconds may take to be handed over, on a busy machine too. */
  static final Duration FIRING = Duration.ofSeconds(30);

  @Autowired Scheduler quartz;
  @Autowired ReminderPlanner planner;
  @Autowired UnplannedReminders unplanned;
  @Autowired ReminderProperties properties;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired ConfigurableApplicationContext context;
  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void flywayCreatesTheQuartzTablesBeforeTheClusteredSchedulerStarts() throws Exception {
    assertThat(context.getBeanFactory().getBeanDefinition("quartzScheduler").getDependsOn())
        .contains("flywayInitializer");
    assertThat(
            jdbc.sql("select script from flyway_schema_history where version = '10' and success")
                .query(String.class)
                .single())
        .isEqualTo("V10__quartz_job_store.sql");

    SchedulerMetaData metaData = quartz.getMetaData();
    assertThat(metaData.getSchedulerName()).isEqualTo(SCHEDULER_NAME);
    assertThat(metaData.isStarted()).isTrue();
    assertThat(metaData.isJobStoreSupportsPersistence()).isTrue();
    assertThat(metaData.isJobStoreClustered()).isTrue();
    assertThat(metaData.getJobStoreClass()).isEqualTo(IsolatedDataSourceJobStore.class);
    assertThat(metaData.getThreadPoolSize()).isEqualTo(16);
    // The cluster's check-ins and row locks carry the scheduler's name, which every instance
    // shares.
    await()
        .atMost(PLANNING)
        .until(
            () ->
                !jdbc.sql("select lock_name from qrtz_locks").query(String.class).list().isEmpty());
    assertThat(jdbc.sql("select distinct sched_name from qrtz_locks").query(String.class).list())
        .containsExactly(SCHEDULER_NAME);
    assertThat(
            jdbc.sql("select sched_name from qrtz_scheduler_state where instance_name = :id")
                .param("id", metaData.getSchedulerInstanceId())
                .query(String.class)
                .single())
        .isEqualTo(SCHEDULER_NAME);
  }

  @Test
  void aScheduledMeetingGetsOneTriggerPerOffsetAtItsStartInItsZoneMinusTheOffset() {
    LocalDateTime start = nextYear("03-01T09:00");
    TestMeeting meeting = meeting(start, "Asia/Shanghai", List.of(1440, 60));

    publish(meeting.scheduled());

    awaitPlanned(meeting, 1);
    Instant startInstant = start.toInstant(ZoneOffset.ofHours(8));
    assertThat(triggers(meeting))
        .containsExactly(
            new StoredTrigger(
                meeting.meetingId() + "/1440",
                startInstant.minus(Duration.ofDays(1)),
                "WAITING",
                SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW),
            new StoredTrigger(
                meeting.meetingId() + "/60",
                startInstant.minus(Duration.ofHours(1)),
                "WAITING",
                SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW));
    assertThat(revisions(meeting)).isEqualTo(Map.of(1440, 1L, 60, 1L));
  }

  @Test
  void aMeetingWithoutOffsetsGetsTheDefaultOnesADayAndAnHourBefore() {
    LocalDateTime start = nextYear("04-15T14:00");
    TestMeeting meeting = meeting(start, "Europe/Berlin", List.of());

    publish(meeting.scheduled());

    awaitPlanned(meeting, 1);
    Instant startInstant = start.toInstant(ZoneOffset.ofHours(2));
    assertThat(fireTimes(meeting))
        .containsExactly(
            Map.entry(1440, startInstant.minus(Duration.ofDays(1))),
            Map.entry(60, startInstant.minus(Duration.ofHours(1))));
  }

  @Test
  void aRescheduledMeetingsTriggersMoveWithIt() {
    LocalDateTime start = nextYear("03-01T09:00");
    TestMeeting meeting = meeting(start, "Asia/Shanghai", List.of(1440, 60));
    publish(meeting.scheduled());
    awaitPlanned(meeting, 1);

    LocalDateTime later = start.plusDays(2).withHour(14).withMinute(30);
    publish(meeting.rescheduledTo(later));

    awaitPlanned(meeting, 2);
    Instant movedTo = later.toInstant(ZoneOffset.ofHours(8));
    assertThat(fireTimes(meeting))
        .containsExactly(
            Map.entry(1440, movedTo.minus(Duration.ofDays(1))),
            Map.entry(60, movedTo.minus(Duration.ofHours(1))));
    assertThat(revisions(meeting)).isEqualTo(Map.of(1440, 2L, 60, 2L));
  }

  @Test
  void changedOffsetsAddAndRemoveTriggersAndLeaveTheOthersAsPlanned() {
    LocalDateTime start = nextYear("05-20T10:00");
    TestMeeting meeting = meeting(start, "Asia/Shanghai", List.of(1440, 60));
    publish(meeting.scheduled());
    awaitPlanned(meeting, 1);

    publish(meeting.remindersChangedTo(List.of(60, 15)));

    awaitPlanned(meeting, 2);
    Instant startInstant = start.toInstant(ZoneOffset.ofHours(8));
    assertThat(fireTimes(meeting))
        .containsExactly(
            Map.entry(60, startInstant.minus(Duration.ofHours(1))),
            Map.entry(15, startInstant.minus(Duration.ofMinutes(15))));
    assertThat(revisions(meeting)).isEqualTo(Map.of(60, 1L, 15, 2L));
  }

  @Test
  void aCancelledMeetingLosesAllItsRemindersAndKeepsItsPlanUntilTheRetentionAfterItsEnd() {
    LocalDateTime start = nextYear("06-01T09:00");
    TestMeeting meeting = meeting(start, "Asia/Shanghai", List.of(1440, 60));
    publish(meeting.scheduled());
    awaitPlanned(meeting, 1);

    publish(meeting.cancelled());

    awaitPlanned(meeting, 2);
    assertThat(triggers(meeting)).isEmpty();
    // Until then, an older event read again (a replay from the dead-letter topic) finds the plan
    // and changes nothing.
    Instant end = start.plusHours(2).toInstant(ZoneOffset.ofHours(8));
    Instant keptUntil =
        jdbc.sql(
                "select next_fire_time from qrtz_triggers where trigger_group = 'reminder-plans' and trigger_name = :name")
            .param("name", meeting.meetingId().toString())
            .query(Long.class)
            .optional()
            .map(Instant::ofEpochMilli)
            .orElseThrow();
    assertThat(keptUntil).isEqualTo(end.plus(properties.planRetention()));
  }

  @Test
  void anOlderEventReadAgainChangesNothing() {
    LocalDateTime start = nextYear("07-01T09:00");
    TestMeeting meeting = meeting(start, "Asia/Shanghai", List.of(1440, 60));
    MeetingEvent scheduled = meeting.scheduled();
    publish(scheduled);
    LocalDateTime later = start.plusDays(1);
    MeetingEvent rescheduled = meeting.rescheduledTo(later);
    publish(rescheduled);
    awaitPlanned(meeting, 2);
    Map<Integer, Instant> moved = fireTimes(meeting);

    publish(scheduled);
    publishAndAwaitMarker();

    assertThat(plannedRevision(meeting)).isEqualTo(2);
    assertThat(fireTimes(meeting)).isEqualTo(moved);

    publish(meeting.cancelled());
    awaitPlanned(meeting, 3);
    publish(rescheduled, scheduled);
    publishAndAwaitMarker();

    assertThat(plannedRevision(meeting)).isEqualTo(3);
    assertThat(triggers(meeting)).isEmpty();
  }

  @Test
  void aMeetingWhoseRemindersCannotBePlannedIsRefusedNamingTheBadValueAndNothingIsStored() {
    TestMeeting nowhere = meeting(nextYear("08-01T09:00"), "Mars/Olympus_Mons", List.of(60));
    TestMeeting backwards = meeting(nextYear("08-01T09:00"), "Asia/Shanghai", List.of(60, -30));

    assertThatExceptionOfType(UnplannableMeetingException.class)
        .isThrownBy(() -> planner.plan(nowhere.scheduled()))
        .withMessageContaining(nowhere.meetingId().toString())
        .withMessageContaining("'Mars/Olympus_Mons'");
    assertThatExceptionOfType(UnplannableMeetingException.class)
        .isThrownBy(() -> planner.plan(backwards.scheduled()))
        .withMessageContaining(backwards.meetingId().toString())
        .withMessageContaining("-30");
    assertThat(plannedRevision(nowhere)).isZero();
    assertThat(plannedRevision(backwards)).isZero();
  }

  @Test
  void aReminderDueInAFewSecondsIsHandedOverOnceWhenDue() {
    TestMeeting meeting =
        startingIn(Duration.ofMinutes(1).plusSeconds(3), "Europe/Berlin", List.of(1));
    Instant dueAt =
        meeting
            .meeting()
            .start()
            .atZone(ZoneId.of("Europe/Berlin"))
            .toInstant()
            .minus(Duration.ofMinutes(1));

    publish(meeting.scheduled());

    await().atMost(FIRING).until(() -> !handovers(meeting).isEmpty());
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> handovers(meeting).size() == 1);
    Handover handover = handovers(meeting).getFirst();
    assertThat(handover.outcome()).isEqualTo("due");
    assertThat(handover.instance()).isEqualTo(MAIN);
    assertThat(handover.minutesBefore()).isEqualTo(1);
    assertThat(handover.plannedRevision()).isEqualTo(1);
    assertThat(handover.dueAt()).isEqualTo(dueAt);
    assertThat(handover.at()).isAfterOrEqualTo(dueAt);
    assertThat(triggers(meeting)).isEmpty();
  }

  @Test
  void aReminderPastWithinTheGraceFiresAtOnceOnlyOnceWhileOnePastLongerIsSkipped() {
    // Starts in an hour less a second: the hour-before reminder is a second or two late when
    // planned.
    TestMeeting meeting =
        startingIn(Duration.ofHours(1).minusSeconds(1), "Asia/Shanghai", List.of(1440, 60, 30));
    Instant start = meeting.meeting().start().atZone(ZoneId.of("Asia/Shanghai")).toInstant();

    publish(meeting.scheduled());

    await().atMost(FIRING).until(() -> !handovers(meeting).isEmpty());
    assertThat(handovers(meeting))
        .singleElement()
        .satisfies(
            handover -> {
              assertThat(handover.outcome()).isEqualTo("due");
              assertThat(handover.minutesBefore()).isEqualTo(60);
              assertThat(handover.dueAt()).isEqualTo(start.minus(Duration.ofHours(1)));
            });
    // Quartz removes a fired trigger's row only after its job returned, so the hand-over can be
    // seen while the row is still there, completed (next fire time -1).
    await()
        .atMost(FIRING)
        .untilAsserted(
            () ->
                assertThat(fireTimes(meeting))
                    .containsExactly(Map.entry(30, start.minus(Duration.ofMinutes(30)))));

    // Still within the grace: a change to the meeting must not send the hour-before reminder again.
    publish(meeting.movedToRoom("Head office, meeting room 2"));
    awaitPlanned(meeting, 2);

    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> handovers(meeting).size() == 1);
    assertThat(fireTimes(meeting))
        .containsExactly(Map.entry(30, start.minus(Duration.ofMinutes(30))));
  }

  @Test
  void aReminderThatFiresLaterThanTheGraceIsRecordedAsMissedNotDue() {
    // A planner whose clock is a minute behind plans a reminder due 10 s ahead of it: to the
    // scheduler it has been due for 50 s, and no instance fired it then.
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1));
    ReminderPlanner planner = new ReminderPlanner(quartz, properties, unplanned, behind);
    String zone = "Asia/Shanghai";
    TestMeeting meeting =
        meeting(
            LocalDateTime.ofInstant(behind.instant().plusSeconds(70), ZoneId.of(zone)).withNano(0),
            zone,
            List.of(1));
    Instant dueAt =
        meeting.meeting().start().atZone(ZoneId.of(zone)).toInstant().minus(Duration.ofMinutes(1));

    new TransactionTemplate(transactionManager)
        .executeWithoutResult(status -> planner.plan(meeting.scheduled()));

    await().atMost(FIRING).until(() -> !handovers(meeting).isEmpty());
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> handovers(meeting).size() == 1);
    Handover handover = handovers(meeting).getFirst();
    assertThat(handover.outcome()).isEqualTo("missed");
    assertThat(handover.dueAt()).isEqualTo(dueAt);
    assertThat(Duration.between(handover.dueAt(), handover.firedAt()))
        .isGreaterThan(properties.grace());
    assertThat(triggers(meeting)).isEmpty();
  }

  @Test
  void aFailedHandOverIsTriedAgainUntilItSucceeds() {
    // Due now: it fires as soon as it is planned, and its retry is late by less than the grace.
    TestMeeting meeting = startingIn(Duration.ofMinutes(1), "Asia/Shanghai", List.of(1));
    RecordingReminderSink.failNext(meeting.meetingId(), 1);

    publish(meeting.scheduled());

    await().atMost(FIRING).until(() -> handovers(meeting).size() == 2);
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> handovers(meeting).size() == 2);
    List<Handover> handovers = handovers(meeting);
    assertThat(handovers).extracting(Handover::outcome).containsExactly("failed", "due");
    assertThat(handovers).extracting(Handover::dueAt).containsOnly(handovers.getFirst().dueAt());
    assertThat(Duration.between(handovers.get(0).at(), handovers.get(1).at()))
        .isGreaterThanOrEqualTo(ReminderTimes.retryInterval(properties.grace()).minusMillis(100));
    assertThat(triggers(meeting)).isEmpty();
  }

  @Test
  void twoSchedulersOnOneDatabaseHandEachReminderOverOnce() throws Exception {
    try (ConfigurableApplicationContext second = startNotifier("second", DATABASE)) {
      Scheduler secondQuartz = second.getBean(Scheduler.class);
      assertThat(secondQuartz.getMetaData().isStarted()).isTrue();
      assertThat(secondQuartz.getSchedulerInstanceId())
          .isNotEqualTo(quartz.getSchedulerInstanceId());
      await()
          .atMost(PLANNING)
          .until(
              () ->
                  jdbc.sql("select count(*) from qrtz_scheduler_state where sched_name = :name")
                          .param("name", SCHEDULER_NAME)
                          .query(Integer.class)
                          .single()
                      >= 2);

      // Planned here rather than through Kafka, each due a few seconds after it is planned however
      // busy the machine: what is tested is the schedulers.
      List<TestMeeting> meetings = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        TestMeeting meeting =
            startingIn(Duration.ofMinutes(1).plusSeconds(3), "Asia/Shanghai", List.of(1));
        planner.plan(meeting.scheduled());
        meetings.add(meeting);
      }

      await()
          .atMost(FIRING)
          .until(() -> meetings.stream().allMatch(meeting -> !handovers(meeting).isEmpty()));
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(6))
          .until(() -> meetings.stream().allMatch(meeting -> handovers(meeting).size() == 1));
      assertThat(meetings)
          .allSatisfy(
              meeting ->
                  assertThat(handovers(meeting))
                      .singleElement()
                      .extracting(Handover::outcome)
                      .isEqualTo("due"));
      Map<String, Long> byInstance =
          meetings.stream()
              .map(meeting -> handovers(meeting).getFirst().instance())
              .collect(Collectors.groupingBy(instance -> instance, Collectors.counting()));
      log.info("20 reminders handed over once each, by instance: {}", byInstance);
    }
  }

  @Test
  void aNotifierOnAnotherDatabaseNeitherFiresNorBreaksThisOnesReminders() throws Exception {
    try (ConfigurableApplicationContext other =
        startNotifier("other", "notifier_reminders_other")) {
      // Due now, so each fires as soon as it is planned (late by less than the grace): what is
      // tested is which instance fires it, not when.
      TestMeeting here = startingIn(Duration.ofMinutes(1), "Asia/Shanghai", List.of(1));
      TestMeeting there = startingIn(Duration.ofMinutes(1), "Asia/Shanghai", List.of(1));
      // Same scheduler name, other database: each instance keeps to its own.
      assertThat(other.getBean(Scheduler.class).getSchedulerName()).isEqualTo(SCHEDULER_NAME);
      other.getBean(ReminderPlanner.class).plan(there.scheduled());
      publish(here.scheduled());

      await().atMost(FIRING).until(() -> !handovers(here).isEmpty() && !handovers(there).isEmpty());
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> handovers(here).size() == 1 && handovers(there).size() == 1);
      assertThat(handovers(here).getFirst().instance()).isEqualTo(MAIN);
      assertThat(handovers(there).getFirst().instance()).isEqualTo("other");
    }

    TestMeeting afterwards = startingIn(Duration.ofMinutes(1), "Asia/Shanghai", List.of(1));
    publish(afterwards.scheduled());

    await().atMost(FIRING).until(() -> !handovers(afterwards).isEmpty());
    assertThat(handovers(afterwards))
        .singleElement()
        .extracting(Handover::instance, Handover::outcome)
        .containsExactly(MAIN, "due");
  }

  @Test
  void operatorsSeeAMeetingsPendingRemindersAtTheRemindersEndpoint() throws Exception {
    LocalDateTime start = nextYear("09-10T09:30");
    TestMeeting meeting = meeting(start, "Asia/Shanghai", List.of(1440, 60));
    publish(meeting.scheduled(), meeting.remindersChangedTo(List.of(1440, 60, 10)));
    awaitPlanned(meeting, 2);

    HttpResponse<String> response = get("/actuator/reminders/" + meeting.meetingId());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode reminders = json.readTree(response.body());
    Instant startInstant = start.toInstant(ZoneOffset.ofHours(8));
    assertThat(reminders.get("meetingId").asString()).isEqualTo(meeting.meetingId().toString());
    assertThat(reminders.get("plannedRevision").asLong()).isEqualTo(2);
    assertThat(Instant.parse(reminders.get("keptUntil").asString()))
        .isEqualTo(startInstant.plus(Duration.ofHours(2)).plus(properties.planRetention()));
    List<String> pending = new ArrayList<>();
    for (JsonNode reminder : reminders.get("pending")) {
      assertThat(Instant.parse(reminder.get("fireAt").asString()))
          .isEqualTo(Instant.parse(reminder.get("dueAt").asString()));
      pending.add(
          reminder.get("minutesBefore").asInt()
              + " "
              + Instant.parse(reminder.get("dueAt").asString())
              + " r"
              + reminder.get("plannedRevision").asLong()
              + " "
              + reminder.get("state").asString()
              + " "
              + reminder.get("failedAttempts").asInt());
    }
    assertThat(pending)
        .containsExactly(
            "1440 " + startInstant.minus(Duration.ofDays(1)) + " r1 NORMAL 0",
            "60 " + startInstant.minus(Duration.ofHours(1)) + " r1 NORMAL 0",
            "10 " + startInstant.minus(Duration.ofMinutes(10)) + " r2 NORMAL 0");
    assertThat(get("/actuator/reminders/" + MeetingId.random()).statusCode()).isEqualTo(404);
    assertThat(get("/actuator/reminders/not-a-meeting").statusCode()).isEqualTo(400);
  }

  /** A trigger of group "reminders" as the job store holds it. */
  record StoredTrigger(String name, Instant nextFireTime, String state, int misfireInstruction) {}

  /** The meeting's reminder triggers in the job store's tables, soonest first. */
  private List<StoredTrigger> triggers(TestMeeting meeting) {
    return jdbc.sql(
            """
            select trigger_name, next_fire_time, trigger_state, misfire_instr from qrtz_triggers
            where sched_name = :scheduler and trigger_group = 'reminders' and job_group = 'reminders' and job_name = :meeting
            order by next_fire_time
            """)
        .param("scheduler", SCHEDULER_NAME)
        .param("meeting", meeting.meetingId().toString())
        .query(
            (row, number) ->
                new StoredTrigger(
                    row.getString(1),
                    Instant.ofEpochMilli(row.getLong(2)),
                    row.getString(3),
                    row.getInt(4)))
        .list();
  }

  /** When the meeting's reminders fire, by minutes before the start, soonest last. */
  private Map<Integer, Instant> fireTimes(TestMeeting meeting) {
    return triggers(meeting).stream()
        .collect(
            Collectors.toMap(
                trigger ->
                    Integer.valueOf(trigger.name().substring(trigger.name().indexOf('/') + 1)),
                StoredTrigger::nextFireTime,
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }

  /** The revision that planned each of the meeting's reminders, by minutes before the start. */
  private Map<Integer, Long> revisions(TestMeeting meeting) {
    try {
      return quartz.getTriggersOfJob(ReminderKeys.job(meeting.meetingId())).stream()
          .flatMap(trigger -> PlannedReminder.of(meeting.meetingId(), trigger).stream())
          .collect(
              Collectors.toMap(PlannedReminder::minutesBefore, PlannedReminder::plannedRevision));
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  private long plannedRevision(TestMeeting meeting) {
    try {
      JobDetail job = quartz.getJobDetail(ReminderKeys.job(meeting.meetingId()));
      return job == null ? 0 : ReminderPlan.of(job).revision();
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitPlanned(TestMeeting meeting, long revision) {
    await().atMost(PLANNING).until(() -> plannedRevision(meeting) == revision);
  }

  /**
   * One partition, read in order: once a new meeting is planned, every event published before it
   * has been read.
   */
  private void publishAndAwaitMarker() {
    TestMeeting marker = meeting(nextYear("12-01T09:00"), "Asia/Shanghai", List.of(60));
    publish(marker.scheduled());
    awaitPlanned(marker, 1);
  }

  /** A meeting whose hand-overs are recorded, not sent. */
  private static TestMeeting meeting(
      LocalDateTime start, String timeZone, List<Integer> reminderMinutesBefore) {
    return RecordingReminderSink.intercept(new TestMeeting(start, timeZone, reminderMinutesBefore));
  }

  /** As {@link #meeting}, starting {@code fromNow} from now (to the second). */
  private static TestMeeting startingIn(
      Duration fromNow, String timeZone, List<Integer> reminderMinutesBefore) {
    return RecordingReminderSink.intercept(
        TestMeeting.startingIn(fromNow, timeZone, reminderMinutesBefore));
  }

  private static List<Handover> handovers(TestMeeting meeting) {
    return RecordingReminderSink.of(meeting.meetingId());
  }

  private static LocalDateTime nextYear(String monthDayTime) {
    return LocalDateTime.parse((LocalDate.now().getYear() + 1) + "-" + monthDayTime);
  }

  /**
   * Another notifier on this broker, recording its hand-overs of intercepted meetings, with no
   * Kafka listeners: only its scheduler (and its dispatchers, for any other reminder it fires) take
   * part.
   */
  private ConfigurableApplicationContext startNotifier(String name, String database) {
    ApplicationContextInitializer<GenericApplicationContext> sink =
        context ->
            context.registerBean(
                "interceptedReminders",
                BeanPostProcessor.class,
                () -> InterceptedReminders.as(name));
    return new SpringApplicationBuilder(NotifierApplication.class)
        .web(WebApplicationType.NONE)
        .initializers(sink)
        .run(
            "--spring.main.banner-mode=off",
            "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
            "--spring.kafka.listener.auto-startup=false",
            "--spring.datasource.url=" + EmbeddedPostgresServer.jdbcUrl(database),
            "--spring.datasource.username=" + EmbeddedPostgresServer.username(),
            "--spring.datasource.password=" + EmbeddedPostgresServer.password(),
            "--spring.mail.host=" + TestSmtp.HOST,
            "--spring.mail.port=" + TestSmtp.port());
  }

  private HttpResponse<String> get(String path) throws Exception {
    // The ops user of the tests' configuration: the actuator beyond health needs the OPS role.
    String ops =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString("ops:ops-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", ops)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
