package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.SampleEvents;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;
import org.convene.testing.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's allowance on a real PostgreSQL, shared as several dispatchers share it: slots at the
 * rate, the daily limit against a clock, slowing down and recovering. Each test has a relay of its
 * own.
 */
class RelayAllowanceIntegrationTests {

  private static DataSource dataSource;
  private static JdbcClient jdbc;
  private static LedgerArrays arrays;
  private static OwedLedger ledger;
  private static OutcomeLedger outcomes;
  private static TransactionTemplate transactions;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T22:30:00Z"));

  @BeforeAll
  static void database() {
    dataSource =
        new DriverManagerDataSource(
            EmbeddedPostgresServer.jdbcUrl("notifier_relay"),
            EmbeddedPostgresServer.username(),
            EmbeddedPostgresServer.password());
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/notifier")
        .load()
        .migrate();
    jdbc = JdbcClient.create(dataSource);
    arrays = new LedgerArrays(dataSource);
    ledger = new OwedLedger(jdbc, arrays, DeliveryTestProperties.defaults());
    outcomes = new OutcomeLedger(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Test
  void dispatchersTogetherGetSlotsAtTheRateAndNoFurtherAheadThanTheHorizon() {
    RelayAllowance allowance = allowance(limits(50, 0, 1, Duration.ofSeconds(1)));
    RelayAllowance otherInstance =
        allowance(limits(50, 0, 1, Duration.ofSeconds(1)), relayOf(allowance));

    List<RelayAllowance.Grant> grants = new ArrayList<>();
    long started;
    long elapsed;
    try (OutcomeLedger.Session first = outcomes.open();
        OutcomeLedger.Session second = outcomes.open()) {
      started = System.nanoTime();
      grants.add(allowance.acquire(first.statements(), 100));
      grants.add(otherInstance.acquire(second.statements(), 100));
      grants.add(allowance.acquire(first.statements(), 100));
      elapsed = System.nanoTime() - started;
    }

    assertThat(grants.get(0).messages()).isEqualTo(50);
    assertThat(grants.get(0).spacingNanos()).isEqualTo(Duration.ofMillis(20).toNanos());
    // The second instance's first slot follows the first's last: none is handed out twice. Read
    // on the database's clock, where the slots are reserved: each instance maps them onto its own
    // clock when the answer arrives, which a busy machine may delay for either by milliseconds.
    RelayAllowance.Grant firstGrant = grants.get(0);
    RelayAllowance.Grant secondGrant = grants.get(1);
    Instant secondStarts =
        secondGrant.end().minusNanos(secondGrant.messages() * secondGrant.spacingNanos());
    assertThat(secondStarts).isAfterOrEqualTo(firstGrant.end());
    // Beyond the first horizon, only the slots that time moved into it meanwhile.
    long movedIn = (long) Math.ceil(elapsed / 1e9 * 50);
    assertThat(grants.get(1).messages() + grants.get(2).messages())
        .isLessThanOrEqualTo(2 + (int) movedIn);
    assertThat(allowance.claimLimit(100)).isEqualTo(50);
  }

  @Test
  void aDispatcherThatFindsTheHorizonReservedClaimsNothingUntilItsFirstSlotIsNear() {
    // One message every 2 s, slots at most 50 ms ahead: the first slot is granted, the next one is
    // 2 s away.
    RelayAllowance allowance = allowance(limits(0.5, 0, 0.1, Duration.ofMillis(50)));
    RelayAllowance.Grant first;
    RelayAllowance.Grant second;
    try (OutcomeLedger.Session session = outcomes.open()) {
      first = allowance.acquire(session.statements(), 100);
      second = allowance.acquire(session.statements(), 100);
    }

    assertThat(first.messages()).isEqualTo(1);
    assertThat(second.messages()).isZero();
    assertThat(allowance.mayClaim()).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(allowance::mayClaim);
  }

  @Test
  void slotsNotUsedAreGivenBack() {
    RelayAllowance allowance = allowance(limits(10, 1000, 1, Duration.ofSeconds(1)));
    try (OutcomeLedger.Session session = outcomes.open()) {
      RelayAllowance.Grant grant = allowance.acquire(session.statements(), 10);
      allowance.release(session.statements(), grant, 2);
      RelayAllowance.Grant next = allowance.acquire(session.statements(), 10);

      assertThat(grant.messages()).isEqualTo(10);
      // The 8 slots given back, and the one that time moved into the horizon meanwhile.
      assertThat(next.messages()).isBetween(8, 9);
      assertThat(next.firstSlotNanos() - grant.firstSlotNanos())
          .isBetween(Duration.ofMillis(150).toNanos(), Duration.ofMillis(400).toNanos());
      assertThat(allowance.status().sentToday()).isEqualTo(2 + next.messages());
    }
  }

  @Test
  void whatTheDailyLimitHoldsBackStaysOwedShownWithTheReasonAndGoesOutAfterTheRelaysMidnight() {
    RelayAllowance allowance = allowance(limits(0, 5, 1, Duration.ofSeconds(1)));
    MeetingScheduled event = scheduled();
    transactions.executeWithoutResult(
        status -> ledger.owe(event, OwedMessages.of(event), Duration.ZERO));
    assertThat(OwedMessages.of(event)).hasSize(5);
    MeetingScheduled second = scheduled();
    transactions.executeWithoutResult(
        status -> ledger.owe(second, OwedMessages.of(second), Duration.ZERO));

    assertThat(dispatchUntilHeld(allowance, event.meetingId(), second.meetingId())).isEqualTo(5);

    assertThat(allowance.mayClaim()).isFalse();
    DeliveriesEndpoint.Report report =
        new DeliveriesEndpoint(new ReportLedger(jdbc), ledger, allowance)
            .deliveries(null, null, null, 1);
    assertThat(report.relay().sentToday()).isEqualTo(5);
    assertThat(report.relay().held())
        .contains("daily limit of 5 messages", relayOf(allowance), "2026-12-02T00:00:00Z");
    assertThat(statuses(event.meetingId(), second.meetingId()))
        .containsExactlyInAnyOrder("PENDING 5", "SENT 5");

    clock.set(Instant.parse("2026-12-02T00:00:01Z"));

    assertThat(allowance.mayClaim()).isTrue();
    assertThat(dispatchUntilHeld(allowance, event.meetingId(), second.meetingId())).isEqualTo(5);
    assertThat(statuses(event.meetingId(), second.meetingId())).containsExactly("SENT 10");
    assertThat(allowance.status().held()).contains("2026-12-03T00:00:00Z");
  }

  @Test
  void aRelayAskingToSlowDownHalvesTheRateOnceForAllThatHeardItAndTheRateClimbsBackGradually() {
    RelayAllowance allowance = allowance(limits(40, 0, 1, Duration.ofMillis(500)));
    try (OutcomeLedger.Session session = outcomes.open()) {
      allowance.acquire(session.statements(), 1);
      allowance.slowDown(session.statements(), "421 4.7.0 Too many messages, slow down");
      allowance.slowDown(session.statements(), "421 4.7.0 Too many messages, slow down");
    }

    assertThat(meters.get(RelayAllowance.RATE).gauge().value()).isCloseTo(20, within(0.5));
    assertThat(meters.get(RelayAllowance.SLOW_DOWNS).counter().count()).isEqualTo(2);
    assertThat(allowance.claimLimit(100)).isEqualTo(10);
    RelayAllowance.Status slowed = allowance.status();
    assertThat(slowed.messagesPerSecondInForce()).isBetween(19.5, 30.0);
    assertThat(slowed.slowedReply()).contains("Too many messages");
    // The configured recovery is 30 s from the minimum of 1/s back to 40/s: 1.3/s each second.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(allowance.status().messagesPerSecondInForce()).isGreaterThan(21.0));
    assertThat(allowance.status().messagesPerSecondInForce()).isLessThan(40.0);
  }

  /**
   * Sends as a dispatcher would, without SMTP: claims, asks for slots, records each granted message
   * as sent and gives back the rest; until nothing more is granted. How many were sent.
   */
  private int dispatchUntilHeld(RelayAllowance allowance, MeetingId... meetings) {
    int sent = 0;
    List<MeetingId> mine = List.of(meetings);
    while (allowance.mayClaim()) {
      Integer batch =
          transactions.execute(
              status -> {
                List<RecipientKey> claimed =
                    ledger.claimDue(allowance.claimLimit(3), Duration.ZERO).stream()
                        .filter(key -> mine.contains(key.meetingId()))
                        .toList();
                if (claimed.isEmpty()) {
                  return -1;
                }
                List<LedgerRow> rows = ledger.rowsOf(claimed);
                try (OutcomeLedger.Session session = outcomes.open()) {
                  RelayAllowance.Grant grant = allowance.acquire(session.statements(), rows.size());
                  List<DeliveryOutcome> done = new ArrayList<>();
                  for (int i = 0; i < grant.messages(); i++) {
                    done.add(new DeliveryOutcome.Sent(rows.get(i).key(), false));
                  }
                  session.record(done, null);
                  allowance.release(session.statements(), grant, done.size());
                  return done.size();
                }
              });
      if (batch == null || batch < 0) {
        break;
      }
      sent += batch;
    }
    return sent;
  }

  private static List<String> statuses(MeetingId... meetings) {
    List<String> statuses = new ArrayList<>();
    for (MeetingId meeting : meetings) {
      statuses.addAll(
          jdbc.sql(
                  "select status || ' ' || count(*) from delivery where meeting_id = :id group by status")
              .param("id", meeting.value())
              .query(String.class)
              .list());
    }
    return statuses.stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                line -> line.split(" ")[0],
                java.util.stream.Collectors.summingInt(
                    line -> Integer.parseInt(line.split(" ")[1]))))
        .entrySet()
        .stream()
        .map(entry -> entry.getKey() + " " + entry.getValue())
        .toList();
  }

  private RelayAllowance allowance(RelayLimitProperties limits) {
    return allowance(limits, "relay-" + UUID.randomUUID() + ":25");
  }

  private RelayAllowance allowance(RelayLimitProperties limits, String relay) {
    return new RelayAllowance(limits, relay, new RelayLedger(jdbc), clock, meters);
  }

  private static String relayOf(RelayAllowance allowance) {
    return allowance.relay();
  }

  private static RelayLimitProperties limits(
      double perSecond, int perDay, double minimum, Duration horizon) {
    return new RelayLimitProperties(
        perSecond, perDay, ZoneId.of("UTC"), 0.5, minimum, Duration.ofSeconds(30), horizon);
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }

  private static MeetingScheduled scheduled() {
    MeetingScheduled sample = SampleEvents.meetingScheduled();
    return new MeetingScheduled(
        EventId.random(), MeetingId.random(), 1, Instant.now(), sample.meeting());
  }

  /** A clock the test moves. */
  private static final class SettableClock extends Clock {

    private final AtomicReference<Instant> now;

    SettableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
