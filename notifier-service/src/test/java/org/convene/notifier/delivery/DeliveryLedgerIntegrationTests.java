package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.convene.events.EventId;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.SampleEvents;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;
import org.convene.testing.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger's SQL on a real PostgreSQL: what is due, who holds which recipient, what waits for whom. */
class DeliveryLedgerIntegrationTests {

  private static DataSource dataSource;
  private static DeliveryLedger ledger;
  private static TransactionTemplate transactions;
  private static JdbcClient jdbc;
  // Not the common pool: on two cores it has one thread, which a test holding a transaction open would block.
  private static final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeAll
  static void database() {
    dataSource = new DriverManagerDataSource(EmbeddedPostgresServer.jdbcUrl("notifier_ledger"), EmbeddedPostgresServer.username(), EmbeddedPostgresServer.password());
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/notifier").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    ledger = new DeliveryLedger(jdbc, new JdbcTemplate(dataSource));
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

    assertThat(jdbc.sql("select count(*) from delivery where meeting_id = :id").param("id", event.meetingId().value()).query(Integer.class).single()).isEqualTo(5);
  }

  @Test
  void twoDispatchersClaimDifferentRecipientsAndNeitherWaitsForTheOther() throws Exception {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    CompletableFuture<List<RecipientKey>> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
      List<RecipientKey> mine = ledger.claimDue(3, Duration.ZERO);
      claimed.countDown();
      await(release);
      return mine;
    }), threads);
    claimed.await(10, TimeUnit.SECONDS);
    List<RecipientKey> second = transactions.execute(status -> ledger.claimDue(1000, Duration.ZERO));
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
    CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
      ledger.claimDue(1000, Duration.ZERO);
      claimed.countDown();
      await(release);
    }), threads);
    claimed.await(10, TimeUnit.SECONDS);

    CompletableFuture<Boolean> recorded = CompletableFuture.supplyAsync(() -> record(changed(event, 2), Duration.ZERO), threads);

    assertThat(recorded.get(5, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    sending.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRecipientIsDueOnceTheQuietPeriodOfTheirNewestMessageIsOverOrTheOldestWaitedTooLong() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    record(changed(event, 2), Duration.ofMinutes(1));

    List<RecipientKey> withinQuietPeriod = transactions.execute(status -> mine(ledger.claimDue(1000, Duration.ofMinutes(5)), event.meetingId()));
    List<RecipientKey> waitedTooLong = transactions.execute(status -> mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId()));

    assertThat(withinQuietPeriod).isEmpty();
    assertThat(waitedTooLong).hasSize(5);
  }

  @Test
  void aMessageDeferredForRetryIsNotDueBeforeItsBackOff() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    List<DeliveryKey> keys = transactions.execute(status -> ledger.rowsOf(mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId())))
        .stream().map(LedgerRow::key).toList();

    transactions.executeWithoutResult(status -> ledger.markRetry(keys, keys.stream().map(k -> 60_000L).toList(), keys.stream().map(k -> "421 try later").toList()));

    assertThat(claim(event)).isEmpty();
    assertThat(jdbc.sql("select distinct attempts || ' ' || last_error from delivery where meeting_id = :id").param("id", event.meetingId().value())
        .query(String.class).list()).containsExactly("1 421 try later");
  }

  @Test
  void anOperatorsRetryMakesFailedMessagesOwedAgainDueNow() {
    MeetingScheduled event = scheduled();
    record(event, Duration.ZERO);
    List<DeliveryKey> keys = transactions.execute(status -> ledger.rowsOf(mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId())))
        .stream().map(LedgerRow::key).toList();
    transactions.executeWithoutResult(status -> ledger.markFailed(keys, keys.stream().map(k -> "550 no such user").toList()));

    assertThat(ledger.retryFailed(event.meetingId(), keys.getFirst().recipient())).isEqualTo(1);
    assertThat(ledger.retryFailed(event.meetingId(), null)).isEqualTo(4);

    assertThat(claim(event)).hasSize(5);
    assertThat(ledger.list(event.meetingId(), DeliveryStatus.PENDING, 10)).hasSize(5).allSatisfy(row -> {
      assertThat(row.attempts()).isZero();
      assertThat(row.lastError()).isEqualTo("550 no such user");
    });
  }

  private static boolean record(org.convene.events.MeetingEvent event, Duration quietPeriod) {
    return Boolean.TRUE.equals(transactions.execute(status -> ledger.record(event, "{}", OwedMessages.of(event), quietPeriod)));
  }

  private static List<RecipientKey> claim(MeetingScheduled event) {
    return transactions.execute(status -> mine(ledger.claimDue(1000, Duration.ZERO), event.meetingId()));
  }

  private static MeetingScheduled scheduled() {
    MeetingScheduled sample = SampleEvents.meetingScheduled();
    return new MeetingScheduled(EventId.random(), MeetingId.random(), 1, Instant.now(), sample.meeting());
  }

  private static MeetingDetailsChanged changed(MeetingScheduled event, long revision) {
    return new MeetingDetailsChanged(EventId.random(), event.meetingId(), revision, Instant.now(), event.meeting(), List.of());
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
