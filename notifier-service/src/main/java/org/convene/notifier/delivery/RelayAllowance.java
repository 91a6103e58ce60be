package org.convene.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * How many messages the mail relay may be given now, shared by every dispatcher thread of every
 * instance through one row per relay ({@code relay_allowance}): each message reserves the next send
 * slot just before it goes (slots {@code 1/rate} apart, at most {@code horizon} ahead of now,
 * within today's count), so that the threads of all instances interleave at the rate. A single
 * statement reads and moves the row under its lock, so that no two dispatchers get the same slot,
 * whichever instance they run in, and the count survives restarts.
 *
 * <p>The rate in force adapts: when the relay answers that it is sent too much, it is multiplied by
 * {@code slow-down-factor} (once per horizon, however many dispatchers hear it) and then climbs
 * back linearly over {@code recovery}; additive increase, multiplicative decrease.
 *
 * <p>The statements run on the connection the batch records its outcomes on (in auto-commit), not
 * in the transaction that holds the recipients' locks, so that the row is locked for one statement
 * only and a dispatcher needs no third connection.
 */
@Component
class RelayAllowance {

  static final String RATE = "convene.notifier.relay.rate";
  static final String SENT_TODAY = "convene.notifier.relay.sent.today";
  static final String SLOW_DOWNS = "convene.notifier.relay.slow.downs";

  private static final Logger log = LoggerFactory.getLogger(RelayAllowance.class);

  /**
   * The span of send slots one reservation covers: short, so that a thread slower than its slots
   * leaves little of the relay's rate unused, and long enough at a high rate that the allowance's
   * row is not updated for every message.
   */
  static final Duration RESERVATION_SPAN = Duration.ofMillis(20);

  /** Stands for "no limit" in the row, so that one statement serves every case. */
  private static final double UNLIMITED_RATE = 1e9;

  private final RelayLimitProperties limits;
  private final String relay;
  private final RelayLedger ledger;
  private final Clock clock;
  private final double maxRate;
  private final double minRate;
  private final double recoveryPerSecond;
  private final long horizonMillis;
  private final Counter slowDowns;

  private volatile boolean rowExists;
  private volatile double rateInForce;
  private volatile long sentToday;

  /** No claim before this (System.nanoTime()): the slots within the horizon are all reserved. */
  private volatile long pausedUntil = System.nanoTime();

  /** No claim before this: today's count is reached. */
  private volatile Instant heldUntil = Instant.MIN;

  @Autowired
  RelayAllowance(
      RelayLimitProperties limits,
      JavaMailSenderImpl mailSender,
      RelayLedger ledger,
      Clock clock,
      MeterRegistry meters) {
    this(limits, mailSender.getHost() + ":" + mailSender.getPort(), ledger, clock, meters);
  }

  RelayAllowance(
      RelayLimitProperties limits,
      String relay,
      RelayLedger ledger,
      Clock clock,
      MeterRegistry meters) {
    this.limits = limits;
    this.relay = relay;
    this.ledger = ledger;
    this.clock = clock;
    this.maxRate = limits.rateLimited() ? limits.messagesPerSecond() : UNLIMITED_RATE;
    this.minRate = limits.rateLimited() ? Math.min(limits.floor(), maxRate) : UNLIMITED_RATE;
    this.recoveryPerSecond = (maxRate - minRate) / (limits.recovery().toMillis() / 1000.0);
    this.horizonMillis = limits.horizon().toMillis();
    this.rateInForce = maxRate;
    this.slowDowns =
        Counter.builder(SLOW_DOWNS)
            .description(
                "Times the mail relay answered 421 or 451 asking to slow down (too many messages, a rate limit)")
            .register(meters);
    if (limits.rateLimited()) {
      Gauge.builder(RATE, this, allowance -> allowance.rateInForce)
          .description(
              "Messages per second the dispatchers allow themselves towards the mail relay now: the configured limit, lowered when the relay asks to slow down, climbing back gradually")
          .register(meters);
    }
    if (limits.messagesPerDay() > 0) {
      Gauge.builder(SENT_TODAY, this, allowance -> allowance.sentToday)
          .description(
              "Messages handed to the mail relay in its current day, against its daily limit")
          .register(meters);
    }
  }

  /** The relay's name in the row: its host and port. */
  String relay() {
    return relay;
  }

  /** Whether a limit is set at all; without one, nothing here touches the database. */
  boolean limited() {
    return limits.limited();
  }

  /** Whether a dispatcher may claim recipients now: neither paused for slots nor held for today. */
  boolean mayClaim() {
    if (!limits.limited()) {
      return true;
    }
    return System.nanoTime() - pausedUntil >= 0 && !clock.instant().isBefore(heldUntil);
  }

  /** How many recipients a batch claims: no more than the horizon's slots at the rate in force. */
  int claimLimit(int batchSize) {
    if (!limits.rateLimited()) {
      return batchSize;
    }
    int slots = (int) Math.ceil(rateInForce * horizonMillis / 1000.0);
    return Math.max(1, Math.min(batchSize, slots));
  }

  /**
   * How many slots one reservation takes for a batch that still has {@code wanted} messages to
   * send: those of {@link #RESERVATION_SPAN} at the rate in force, at least one (at 50 messages/s
   * and below, one per message), and all of them when only the day's count is limited.
   */
  int reservation(int wanted) {
    if (!limits.rateLimited()) {
      return Math.max(1, wanted);
    }
    int span = (int) (rateInForce * RESERVATION_SPAN.toNanos() / 1e9);
    return Math.max(1, Math.min(wanted, span));
  }

  /**
   * Reserves slots for up to {@code messages} messages, on {@code statements}' connection (in
   * auto-commit); fewer, or none, when the horizon or today's count has no room for them.
   */
  Grant acquire(LedgerArrays statements, int messages) {
    if (!limits.limited() || messages == 0) {
      return Grant.unlimited(messages);
    }
    Optional<Grant> granted = reserve(statements, messages);
    if (granted.isEmpty()) {
      // The row is gone (an operator reset the relay's allowance): it starts afresh.
      rowExists = false;
      granted = reserve(statements, messages);
    }
    LocalDate today = today();
    Grant grant = granted.orElseThrow();
    if (grant.messages() == 0) {
      if (limits.messagesPerDay() > 0 && sentToday >= limits.messagesPerDay()) {
        hold(today);
      } else {
        // Every slot within the horizon is someone's: try again once the first frees up.
        pausedUntil =
            Math.max(
                grant.firstSlotNanos() - TimeUnit.MILLISECONDS.toNanos(horizonMillis),
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
      }
    }
    return grant;
  }

  private Optional<Grant> reserve(LedgerArrays statements, int messages) {
    ensureRow(statements);
    return ledger
        .reserve(
            statements,
            relay,
            maxRate,
            minRate,
            recoveryPerSecond,
            today(),
            horizonMillis,
            messages,
            limits.messagesPerDay() > 0 ? limits.messagesPerDay() : Integer.MAX_VALUE)
        .map(
            reserved -> {
              // The database's clock read during the statement maps onto this one no earlier than
              // its answer came: a slot is then used at or after the time reserved for it, never
              // before, however long the answer took.
              long now = System.nanoTime();
              rateInForce = reserved.rate();
              sentToday = reserved.sentToday();
              return new Grant(
                  reserved.messages(),
                  now + (long) (reserved.startInSeconds() * 1e9),
                  limits.rateLimited() ? (long) (1e9 / reserved.rate()) : 0,
                  reserved.end(),
                  1 / reserved.rate());
            });
  }

  /** Gives back the slots of a grant that were not used, and their place in today's count. */
  void release(LedgerArrays statements, Grant grant, int used) {
    int unused = grant.messages() - used;
    if (!limits.limited() || unused <= 0) {
      return;
    }
    ledger
        .release(statements, relay, unused, grant.end(), unused * grant.secondsPerSlot(), today())
        .ifPresent(sent -> sentToday = sent);
  }

  /**
   * The relay asked to slow down: the rate in force is lowered and the next slot pushed one horizon
   * away, once per horizon whoever hears it first.
   */
  void slowDown(LedgerArrays statements, String reply) {
    slowDowns.increment();
    if (!limits.rateLimited()) {
      log.warn(
          "The mail relay {} asks to slow down, and no rate is configured for it (convene.notifier.delivery.relay-limit.messages-per-second): {}",
          relay,
          reply);
      return;
    }
    ensureRow(statements);
    Optional<Double> lowered =
        ledger.slowDown(
            statements,
            relay,
            minRate,
            maxRate,
            recoveryPerSecond,
            limits.slowDownFactor(),
            reply,
            horizonMillis);
    if (lowered.isPresent()) {
      rateInForce = lowered.get();
      log.warn(
          "The mail relay {} asks to slow down: {} messages/s from now on, climbing back to {} over {} s: {}",
          relay,
          String.format("%.2f", rateInForce),
          maxRate,
          limits.recovery().toSeconds(),
          reply);
    }
  }

  /** The relay's allowance as operators read it; {@code null} when no limit is set. */
  Status status() {
    if (!limits.limited()) {
      return null;
    }
    LocalDate today = today();
    return ledger
        .row(relay)
        .map(
            row ->
                status(
                    Math.min(
                        maxRate, row.rate() + recoveryPerSecond * row.secondsSinceRateChanged()),
                    today.equals(row.day()) ? row.sentToday() : 0,
                    row.slowedAt(),
                    row.slowedReply()))
        .orElseGet(() -> status(maxRate, 0, null, null));
  }

  private Status status(double rate, long sent, Instant slowedAt, String slowedReason) {
    String held = null;
    if (limits.messagesPerDay() > 0 && sent >= limits.messagesPerDay()) {
      held =
          "The daily limit of "
              + limits.messagesPerDay()
              + " messages to the mail relay "
              + relay
              + " is reached: owed messages stay PENDING until "
              + nextDay(today())
              + ", when the count resets";
    }
    return new Status(
        relay,
        limits.rateLimited() ? limits.messagesPerSecond() : null,
        limits.rateLimited() ? rate : null,
        limits.messagesPerDay() > 0 ? limits.messagesPerDay() : null,
        sent,
        slowedAt,
        slowedReason,
        held);
  }

  /**
   * The relay's allowance as operators read it.
   *
   * @param messagesPerSecond the configured rate, {@code null} if none
   * @param messagesPerSecondInForce the rate used now, lower than configured after the relay asked
   *     to slow down
   * @param messagesPerDay the configured daily limit, {@code null} if none
   * @param sentToday messages handed to the relay in its current day
   * @param slowedAt when the relay last asked to slow down, with its reply
   * @param held why owed messages are held back now, {@code null} if they are not
   */
  public record Status(
      String relay,
      Double messagesPerSecond,
      Double messagesPerSecondInForce,
      Integer messagesPerDay,
      long sentToday,
      Instant slowedAt,
      String slowedReply,
      String held) {}

  /**
   * Slots for {@code messages} messages: the first at {@code firstSlotNanos} (System.nanoTime()),
   * the others each {@code spacingNanos} later.
   *
   * @param end the first slot after this grant's, as the row has it, to give back unused slots
   */
  record Grant(
      int messages, long firstSlotNanos, long spacingNanos, Instant end, double secondsPerSlot) {

    static Grant unlimited(int messages) {
      return new Grant(messages, 0, 0, null, 0);
    }

    /**
     * Waits for the first slot from {@code from} on that has not passed yet, and returns its index;
     * {@code -1} if none is left, or if the thread was interrupted (the instance is stopping). A
     * slot that passed more than one spacing ago is skipped, not caught up with: a dispatcher that
     * fell behind (a pause of the process, a slow server) must not send the slots it missed in a
     * burst, on top of the slots other dispatchers use on time. The message waits for a later batch
     * instead.
     */
    int awaitSlot(int from) {
      if (from >= messages) {
        return -1;
      }
      if (spacingNanos == 0) {
        return from;
      }
      int index = from;
      long now = System.nanoTime();
      long late = now - (firstSlotNanos + index * spacingNanos);
      if (late > spacingNanos) {
        index += (int) (late / spacingNanos);
        if (index >= messages) {
          return -1;
        }
      }
      long slot = firstSlotNanos + index * spacingNanos;
      long wait;
      while ((wait = slot - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
      }
      return index;
    }
  }

  private void hold(LocalDate today) {
    Instant until = nextDay(today);
    if (!until.equals(heldUntil)) {
      log.warn(
          "The daily limit of {} messages to the mail relay {} is reached: what is owed waits until {}",
          limits.messagesPerDay(),
          relay,
          until);
    }
    heldUntil = until;
  }

  private Instant nextDay(LocalDate today) {
    return today.plusDays(1).atStartOfDay(limits.dayZone()).toInstant();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), limits.dayZone());
  }

  private void ensureRow(LedgerArrays statements) {
    if (!rowExists) {
      ledger.ensure(statements, relay, maxRate, today());
      rowExists = true;
    }
  }
}
