package org.convene.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The notifier's meters, on {@code /actuator/prometheus}: events consumed by type, messages sent,
 * failed, retried and superseded by kind, and what is owed now. SMTP latency is timed where the
 * messages are sent ({@link SmtpTransports}), dead letters where they are published.
 */
@Component
class DeliveryMetrics {

  static final String EVENTS = "convene.notifier.events";
  static final String DELIVERIES = "convene.notifier.deliveries";

  /**
   * Messages sent again after an attempt whose outcome was never recorded (the notifier or its
   * database was lost in between), so that the recipient may have them twice; also counted as sent.
   */
  static final String POSSIBLE_DUPLICATES = "convene.notifier.deliveries.possible.duplicates";

  static final String OWED = "convene.notifier.deliveries.owed";
  static final String OLDEST_DUE = "convene.notifier.deliveries.oldest.due";

  static final String RECORDED = "recorded";
  static final String DUPLICATE = "duplicate";

  /**
   * Another event than the one recorded for its meeting and revision: ignored, and worth a look.
   */
  static final String CONFLICTING = "conflicting";

  static final String SENT = "sent";
  static final String FAILED = "failed";
  static final String RETRIED = "retried";
  static final String SUPERSEDED = "superseded";

  /** Scrapes closer together than this share one query. */
  private static final Duration BACKLOG_CACHE = Duration.ofSeconds(1);

  private final MeterRegistry meters;
  private final ReportLedger ledger;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private volatile ReportLedger.Backlog backlog;
  private volatile long backlogReadAt;

  DeliveryMetrics(MeterRegistry meters, ReportLedger ledger) {
    this.meters = meters;
    this.ledger = ledger;
    gauge(OWED, "Messages owed: PENDING in the ledger, due or not", null, b -> b.owed());
    gauge(
        OLDEST_DUE,
        "How long the oldest due message has waited beyond its due time",
        "seconds",
        b -> b.oldestDueSeconds());
    // Every series a dashboard or an alert reads exists from the start, at zero: a query over a
    // counter that appears only with its first increment shows no data instead of none happened.
    for (DeliveryKind kind : DeliveryKind.values()) {
      for (String outcome : List.of(SENT, FAILED, RETRIED, SUPERSEDED)) {
        delivery(kind, outcome, 0);
      }
      possibleDuplicate(kind, 0);
    }
  }

  void event(String type, String outcome) {
    counter(EVENTS, "Meeting events consumed", "type", type, "outcome", outcome).increment();
  }

  void delivery(DeliveryKind kind, String outcome) {
    delivery(kind, outcome, 1);
  }

  private void delivery(DeliveryKind kind, String outcome, int count) {
    counter(
            DELIVERIES,
            "Messages by outcome: sent, failed (given up), retried (deferred) and superseded",
            "kind",
            kind.name(),
            "outcome",
            outcome)
        .increment(count);
  }

  void possibleDuplicate(DeliveryKind kind) {
    possibleDuplicate(kind, 1);
  }

  private void possibleDuplicate(DeliveryKind kind, int count) {
    counter(
            POSSIBLE_DUPLICATES,
            "Messages sent again that an unrecorded earlier attempt may have delivered",
            "kind",
            kind.name())
        .increment(count);
  }

  private Counter counter(String name, String description, String... tags) {
    return counters.computeIfAbsent(
        name + String.join("/", tags),
        key -> Counter.builder(name).description(description).tags(tags).register(meters));
  }

  private void gauge(
      String name, String description, String unit, ToDoubleFunction<ReportLedger.Backlog> value) {
    Gauge.builder(name, this, metrics -> value.applyAsDouble(metrics.backlog()))
        .description(description)
        .baseUnit(unit)
        .register(meters);
  }

  private ReportLedger.Backlog backlog() {
    long now = System.nanoTime();
    ReportLedger.Backlog cached = backlog;
    if (cached == null || now - backlogReadAt > BACKLOG_CACHE.toNanos()) {
      cached = ledger.backlog();
      backlog = cached;
      backlogReadAt = now;
    }
    return cached;
  }
}
