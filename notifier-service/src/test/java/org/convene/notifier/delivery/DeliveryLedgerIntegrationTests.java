package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.convene.events.EventId;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.SampleEvents;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;
import org.convene.testing.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's SQL on a real PostgreSQL: what is due, who holds which recipient, what waits for
 * whom.
 */
class DeliveryLedgerIntegrationTests {

  /** Recipients of a meeting per turn: the batch size these tests set. */
  private static final int TURN = 5;

  private static DataSource dataSource;
  private static EventLedger events;
  private static OwedLedger ledger;
  private static OutcomeLedger outcomes;
  private static ReportLedger report;
  private static TransactionTemplate transactions;
  private static JdbcClient jdbc;
  // Not the common pool: on two cores it has one thread, which a test holding a transaction open
  // would block.
  private static final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeAll
  static void database() {
    dataSource =
        new DriverManagerDataSource(
            EmbeddedPostgresServer.jdbcUrl("notifier_ledger"),
            EmbeddedPostgresServer.username(),
            EmbeddedPostgresServer.password());
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/notifier")
        .load()
        .migrate();
    jdbc = JdbcClient.create(dataSource);
    LedgerArrays arrays = new LedgerArrays(dataSource);
    events = new EventLedger(jdbc, arrays);
    ledger = new OwedLedger(jdbc, arrays, DeliveryTestProperties.withBatchSize(TURN));
    report = new ReportLedger(jdbc);
    outcomes = new OutcomeLedger(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @BeforeEach
  void empty() {
    jdbc.sql("truncate delivery, delivery_recipient, meeting_event").update();
  }

  @AfterAll
  static void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aRedeliveredEventRecordsNothing() {
    MeetingScheduled event = scheduled();

    assertThat(record(event, Duration.ZERO)).isTrue();
    assertThat(record(event, Duration.ZERO)).isFalse();

    assertThat(
            jdbc.sql("select count(*) from delivery where meeting_id = :id")
                .param("id", event.meetingId().value())
                .query(Integer.class)
                .single())
        .isEqualTo(5);
  }

  @Test
  void twoDispatchersClaimDifferentRecipientsAndNeitherWaitsForTheOther() throws Exception {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    CompletableFuture<List<RecipientKey>> first =
        CompletableFuture.supplyAsync(
            () ->
                transactions.execute(
                    status -> {
                      List<RecipientKey> mine = ledger.claimDue(3, Duration.ZERO);
                      claimed.countDown();
                      await(release);
                      return mine;
                    }),
            threads);
    claimed.await(10, TimeUnit.SECONDS);
    List<RecipientKey> second =
        transactions.execute(status -> ledger.claimDue(1000, Duration.ZERO));
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(3);
    assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first.get());
  }

  @Test
  void theListenerRecordsANewRevisionWhileItsRecipientsAreBeingSentTo() throws Exception {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> sending =
        CompletableFuture.runAsync(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      ledger.claimDue(1000, Duration.ZERO);
                      claimed.countDown();
                      await(release);
                    }),
            threads);
    claimed.await(10, TimeUnit.SECONDS);

    CompletableFuture<Boolean> recorded =
        CompletableFuture.supplyAsync(() -> record(changed(event, 2), Duration.ZERO), threads);

    assertThat(recorded.get(5, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    sending.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRecipientIsDueOnceTheQuietPeriodOfTheirNewestMessageIsOverOrTheOldestWaitedTooLong() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    record(changed(event, 2), Duration.ofMinutes(1));

    List<RecipientKey> withinQuietPeriod =
        transactions.execute(
            status -> mine(ledger.claimDue(1000, Duration.ofMinutes(5)), event.meetingId()));
    List<RecipientKey> waitedTooLong =
        transactions.execute(
            status -> mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId()));

    assertThat(withinQuietPeriod).isEmpty();
    assertThat(waitedTooLong).hasSize(5);
  }

  @Test
  void aMessageDeferredForRetryIsNotDueBeforeItsBackOff() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    List<DeliveryKey> keys =
        transactions
            .execute(
                status ->
                    ledger.rowsOf(mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId())))
            .stream()
            .map(LedgerRow::key)
            .toList();

    record(
        keys.stream()
            .<DeliveryOutcome>map(
                key ->
                    new DeliveryOutcome.Retry(key, Duration.ofMinutes(1), "421 try later", false))
            .toList());

    assertThat(claim(event)).isEmpty();
    assertThat(
            jdbc.sql(
                    "select distinct attempts || ' ' || last_error from delivery where meeting_id = :id")
                .param("id", event.meetingId().value())
                .query(String.class)
                .list())
        .containsExactly("1 421 try later");
  }

  @Test
  void aMessageWaitingForTheMailServerIsDueAtTheNextProbeWithoutCountingAnAttempt() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    List<DeliveryKey> keys =
        transactions
            .execute(
                status ->
                    ledger.rowsOf(mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId())))
            .stream()
            .map(LedgerRow::key)
            .toList();
    record(
        keys.stream()
            .<DeliveryOutcome>map(
                key -> new DeliveryOutcome.Retry(key, Duration.ZERO, "451", false))
            .toList());

    // Three probes of an outage, then the server answers: the rows show the one real attempt
    // before the outage and the one after it.
    for (int probe = 0; probe < 3; probe++) {
      record(
          keys.stream()
              .<DeliveryOutcome>map(
                  key ->
                      new DeliveryOutcome.AwaitingRelay(
                          key, Duration.ofMinutes(1), "Connection refused", false))
              .toList());
    }

    assertThat(claim(event)).as("due at the next probe, not before").isEmpty();
    assertThat(
            jdbc.sql(
                    "select distinct status || ' ' || attempts || ' ' || last_error from delivery where meeting_id = :id")
                .param("id", event.meetingId().value())
                .query(String.class)
                .list())
        .containsExactly("PENDING 1 Connection refused");
    record(
        keys.stream().<DeliveryOutcome>map(key -> new DeliveryOutcome.Sent(key, false)).toList());
    assertThat(
            jdbc.sql(
                    "select distinct status || ' ' || attempts from delivery where meeting_id = :id")
                .param("id", event.meetingId().value())
                .query(String.class)
                .list())
        .containsExactly("SENT 2");
  }

  @Test
  void aMessageWhoseSessionWasLostAfterItsEndIsSentAgainAsAPossibleDuplicate() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    List<DeliveryKey> keys =
        transactions.execute(status -> ledger.rowsOf(claim(event))).stream()
            .map(LedgerRow::key)
            .toList();
    DeliveryKey unanswered = keys.getFirst();
    record(
        List.of(
            new DeliveryOutcome.AwaitingRelay(
                unanswered, Duration.ZERO, "dropped the session after the end", true)));

    // Read again for sending, the row says an earlier attempt may have arrived: the send that
    // follows is counted as a possible duplicate, and the row keeps saying so once sent.
    LedgerRow again =
        transactions.execute(status -> ledger.rowsOf(claim(event))).stream()
            .filter(row -> row.key().equals(unanswered))
            .findFirst()
            .orElseThrow();
    assertThat(again.possiblySent()).isTrue();
    record(List.of(new DeliveryOutcome.Sent(unanswered, again.possiblySent())));
    assertThat(status(unanswered)).isEqualTo("SENT 1 in flight: false possible duplicate: true");
  }

  @Test
  void anOperatorsRetryMakesFailedMessagesOwedAgainDueNow() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    List<DeliveryKey> keys =
        transactions
            .execute(
                status ->
                    ledger.rowsOf(mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId())))
            .stream()
            .map(LedgerRow::key)
            .toList();
    record(
        keys.stream()
            .<DeliveryOutcome>map(key -> new DeliveryOutcome.Failed(key, "550 no such user", false))
            .toList());

    assertThat(ledger.retryFailed(event.meetingId(), keys.getFirst().recipient())).isEqualTo(1);
    assertThat(ledger.retryFailed(event.meetingId(), null)).isEqualTo(4);

    assertThat(claim(event)).hasSize(5);
    assertThat(report.list(event.meetingId(), null, DeliveryStatus.PENDING, 10))
        .hasSize(5)
        .allSatisfy(
            row -> {
              assertThat(row.attempts()).isZero();
              assertThat(row.lastError()).isEqualTo("550 no such user");
            });
  }

  @Test
  void anOutcomeIsRecordedAtOnceAndOutlivesTheTransactionThatHoldsTheRecipients() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    LedgerRow first = rowsOf(event).getFirst();

    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      List<RecipientKey> claimed =
                          mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId());
                      assertThat(claimed).hasSize(5);
                      try (OutcomeLedger.Session session = outcomes.open()) {
                        assertThat(
                                session.record(
                                    List.of(), new OutcomeLedger.Sending(first.key(), null)))
                            .isTrue();
                        session.record(List.of(new DeliveryOutcome.Sent(first.key(), false)), null);
                      }
                      throw new IllegalStateException("the batch's transaction is lost");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(status(first.key())).isEqualTo("SENT 1 in flight: false possible duplicate: false");
    assertThat(claim(event)).hasSize(4);
  }

  @Test
  void aMessageMarkedInFlightIsFoundSoWhenClaimedAgainAndItsResendIsFlagged() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    LedgerRow first = rowsOf(event).getFirst();
    try (OutcomeLedger.Session session = outcomes.open()) {
      assertThat(session.record(List.of(), new OutcomeLedger.Sending(first.key(), null))).isTrue();
    }

    LedgerRow inFlight = rowsOf(event).getFirst();
    assertThat(inFlight.key()).isEqualTo(first.key());
    assertThat(inFlight.possiblySent()).isTrue();
    try (OutcomeLedger.Session session = outcomes.open()) {
      assertThat(
              session.record(
                  List.of(), new OutcomeLedger.Sending(inFlight.key(), inFlight.sendingSince())))
          .isTrue();
      session.record(
          List.of(new DeliveryOutcome.Sent(inFlight.key(), inFlight.possiblySent())), null);
    }

    assertThat(status(first.key())).isEqualTo("SENT 1 in flight: false possible duplicate: true");
  }

  @Test
  void aMessageIsNotMarkedInFlightOnceAnotherDispatcherMarkedOrSentIt() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    List<LedgerRow> rows = rowsOf(event);
    LedgerRow marked = rows.get(0);
    LedgerRow sent = rows.get(1);
    try (OutcomeLedger.Session session = outcomes.open()) {
      assertThat(session.record(List.of(), new OutcomeLedger.Sending(marked.key(), null))).isTrue();
      assertThat(session.record(List.of(), new OutcomeLedger.Sending(sent.key(), null))).isTrue();
      session.record(List.of(new DeliveryOutcome.Sent(sent.key(), false)), null);

      // As read before: not in flight, owed.
      assertThat(session.record(List.of(), new OutcomeLedger.Sending(marked.key(), null)))
          .isFalse();
      assertThat(session.record(List.of(), new OutcomeLedger.Sending(sent.key(), null))).isFalse();
    }
  }

  @Test
  void theOutcomeOfOneMessageAndTheNextInFlightAreOneStatement() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    List<LedgerRow> rows = rowsOf(event);
    try (OutcomeLedger.Session session = outcomes.open()) {
      session.record(List.of(), new OutcomeLedger.Sending(rows.get(0).key(), null));
      assertThat(
              session.record(
                  List.of(
                      new DeliveryOutcome.Sent(rows.get(0).key(), false),
                      new DeliveryOutcome.Superseded(rows.get(2).key(), 7)),
                  new OutcomeLedger.Sending(rows.get(1).key(), null)))
          .isTrue();
    }

    assertThat(status(rows.get(0).key()))
        .isEqualTo("SENT 1 in flight: false possible duplicate: false");
    assertThat(status(rows.get(1).key()))
        .isEqualTo("PENDING 0 in flight: true possible duplicate: false");
    assertThat(status(rows.get(2).key()))
        .isEqualTo("SUPERSEDED 0 in flight: false possible duplicate: false");
  }

  @Test
  void aCancellationOfAMeetingStartingSoonIsClaimedBeforeInvitationsToAMeetingNextMonth() {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    MeetingScheduled nextMonth = scheduled(now.plusDays(30), 40);
    MeetingScheduled tomorrow = scheduled(now.plusDays(1), 3);
    record(nextMonth, Duration.ZERO);
    record(tomorrow, Duration.ZERO);
    // Its invitations went out; its cancellation is recorded after the big meeting's invitations.
    record(
        transactions
            .execute(
                status ->
                    ledger.rowsOf(mine(ledger.claimDue(1000, Duration.ZERO), tomorrow.meetingId())))
            .stream()
            .<DeliveryOutcome>map(row -> new DeliveryOutcome.Sent(row.key(), false))
            .toList());
    record(cancelled(tomorrow, 2), Duration.ZERO);

    List<RecipientKey> first = transactions.execute(status -> ledger.claimDue(3, Duration.ZERO));

    assertThat(first).extracting(RecipientKey::meetingId).containsOnly(tomorrow.meetingId());
  }

  @Test
  void aSmallMeetingRecordedDuringALargeOnesBurstOfTheSameUrgencyTakesTurnsWithIt() {
    LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).plusDays(7).withMinute(10);
    MeetingScheduled large = scheduled(start, 200);
    MeetingScheduled small = scheduled(start.plusMinutes(5), 4);
    record(large, Duration.ZERO);
    record(small, Duration.ZERO);

    // The large meeting's first turn (5 recipients), the small one's 4 in the same turn, then the
    // first of the large meeting's second turn.
    List<RecipientKey> batch = transactions.execute(status -> ledger.claimDue(10, Duration.ZERO));

    assertThat(batch).hasSize(10);
    assertThat(batch.stream().filter(key -> key.meetingId().equals(small.meetingId()))).hasSize(4);
  }

  @Test
  void aBatchOfManyMeetingsRecordedTogetherTakesAWholeTurnOfOneMeetingBeforeTheNext() {
    LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).plusDays(9).withMinute(10);
    List<MeetingScheduled> meetings = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      meetings.add(scheduled(start, 2 * TURN));
    }
    meetings.forEach(meeting -> record(meeting, Duration.ZERO));

    // Not one recipient of each meeting (each batch would then render every meeting on its own).
    List<RecipientKey> batch = transactions.execute(status -> ledger.claimDue(TURN, Duration.ZERO));

    assertThat(batch).hasSize(TURN);
    assertThat(batch).extracting(RecipientKey::meetingId).containsOnly(batch.get(0).meetingId());
  }

  private static List<LedgerRow> rowsOf(MeetingScheduled event) {
    return transactions.execute(
        status -> ledger.rowsOf(mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId())));
  }

  private static String status(DeliveryKey key) {
    return jdbc.sql(
            """
            select status || ' ' || attempts || ' in flight: ' || (sending_since is not null) || ' possible duplicate: ' || possible_duplicate
            from delivery where meeting_id = :meetingId and revision = :revision and recipient = :recipient and kind = :kind
            """)
        .param("meetingId", key.meetingId().value())
        .param("revision", key.revision())
        .param("recipient", key.recipient())
        .param("kind", key.kind().name())
        .query(String.class)
        .single();
  }

  private static void record(List<DeliveryOutcome> recorded) {
    try (OutcomeLedger.Session session = outcomes.open()) {
      session.record(recorded, null);
    }
  }

  private static boolean record(org.convene.events.MeetingEvent event, Duration quietPeriod) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              if (!events.record(event, "{}")) {
                return false;
              }
              ledger.owe(event, OwedMessages.of(event), quietPeriod);
              return true;
            }));
  }

  private static List<RecipientKey> claim(MeetingScheduled event) {
    return transactions.execute(
        status -> mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId()));
  }

  private static MeetingScheduled scheduled() {
    MeetingScheduled sample = SampleEvents.meetingScheduled();
    return new MeetingScheduled(
        EventId.random(), MeetingId.random(), 1, Instant.now(), sample.meeting());
  }

  /** A meeting starting at {@code start} (UTC) with {@code participants} participants. */
  private static MeetingScheduled scheduled(LocalDateTime start, int participants) {
    MeetingSnapshot sample = SampleEvents.meetingScheduled().meeting();
    List<Participant> people = new ArrayList<>();
    for (int i = 0; i < participants; i++) {
      people.add(
          new Participant(
              "Person " + i, "p" + i + "@example.org", ParticipantRole.VOTING, "en", null, null));
    }
    MeetingSnapshot meeting =
        new MeetingSnapshot(
            sample.title(),
            sample.description(),
            sample.organiser(),
            start,
            start.plusHours(1),
            "UTC",
            sample.location(),
            sample.onlineLink(),
            sample.documents(),
            people,
            sample.agenda(),
            MeetingStatus.SCHEDULED,
            sample.reminderMinutesBefore());
    return new MeetingScheduled(EventId.random(), MeetingId.random(), 1, Instant.now(), meeting);
  }

  private static MeetingCancelled cancelled(MeetingScheduled event, long revision) {
    MeetingSnapshot before = event.meeting();
    MeetingSnapshot meeting =
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
            MeetingStatus.CANCELLED,
            before.reminderMinutesBefore());
    return new MeetingCancelled(
        EventId.random(), event.meetingId(), revision, Instant.now(), meeting, "Called off");
  }

  private static MeetingDetailsChanged changed(MeetingScheduled event, long revision) {
    return new MeetingDetailsChanged(
        EventId.random(), event.meetingId(), revision, Instant.now(), event.meeting(), List.of());
  }

  /** The claimed recipients of this test's meeting: other tests' rows share the tables. */
  private static List<RecipientKey> mine(List<RecipientKey> claimed, MeetingId meetingId) {
    return claimed.stream().filter(key -> key.meetingId().equals(meetingId)).toList();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
