package org.convene.scheduler.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.convene.events.CloudEventHeaders;
import org.convene.scheduler.system.SchedulerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox events to Kafka, oldest first, and deletes them once the broker has
 * acknowledged them (acks=all, idempotent producer). One relay works at a time across all scheduler
 * instances (a PostgreSQL advisory lock), so events of one meeting leave in revision order. When
 * Kafka is unreachable the batch stays in the table and is retried on the next poll: events are
 * delayed, never lost. A batch that failed half-way may be sent again; the notifier's delivery
 * ledger makes that harmless.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /** Advisory lock key shared by all relays: "convene outbox" in a long. */
  public static final long RELAY_LOCK = 0x436f6e76_656e6501L;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<String, String> kafka;
  private final SchedulerProperties properties;
  private final Timer lag;
  private final AtomicLong backlog = new AtomicLong();
  private volatile ScheduledExecutorService executor;

  OutboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<String, String> kafka,
      SchedulerProperties properties,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.kafka = kafka;
    this.properties = properties;
    this.lag =
        Timer.builder("convene.outbox.relay.lag")
            .description("Time from an event's commit to the broker's acknowledgement")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    meters.gauge("convene.outbox.backlog", backlog);
  }

  private record Pending(
      long id, UUID eventId, UUID meetingId, String type, String payload, Instant createdAt) {}

  /** Relays one batch; returns how many events were published. */
  int relayBatch() {
    Integer sent =
        transactions.execute(
            status -> {
              Boolean mine =
                  jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                      .param("key", RELAY_LOCK)
                      .query(Boolean.class)
                      .single();
              if (!Boolean.TRUE.equals(mine)) {
                return 0;
              }
              List<Pending> batch =
                  jdbc.sql(
                          """
                  select id, event_id, meeting_id, event_type, payload::text as payload, created_at
                  from outbox order by id limit :limit
                  """)
                      .param("limit", properties.relay().batchSize())
                      .query(
                          (rs, n) ->
                              new Pending(
                                  rs.getLong("id"),
                                  rs.getObject("event_id", UUID.class),
                                  rs.getObject("meeting_id", UUID.class),
                                  rs.getString("event_type"),
                                  rs.getString("payload"),
                                  rs.getTimestamp("created_at").toInstant()))
                      .list();
              if (batch.isEmpty()) {
                backlog.set(0);
                return 0;
              }
              List<CompletableFuture<SendResult<String, String>>> sends =
                  new ArrayList<>(batch.size());
              for (Pending event : batch) {
                sends.add(send(event));
              }
              List<Long> published = new ArrayList<>(batch.size());
              for (int i = 0; i < batch.size(); i++) {
                try {
                  sends
                      .get(i)
                      .get(properties.relay().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                  Pending failed = batch.get(i);
                  log.warn(
                      "Outbox relay could not publish event {} of meeting {} ({}); {} event(s) stay queued and are retried",
                      failed.eventId(),
                      failed.meetingId(),
                      rootMessage(e),
                      batch.size() - i);
                  // Later sends of this batch may still be pending; they are retried from the
                  // table.
                  break;
                }
                published.add(batch.get(i).id());
                lag.record(java.time.Duration.between(batch.get(i).createdAt(), Instant.now()));
              }
              if (!published.isEmpty()) {
                jdbc.sql("delete from outbox where id = any(:ids)")
                    .param("ids", published.toArray(Long[]::new))
                    .update();
              }
              backlog.set(batch.size() - published.size());
              return published.size();
            });
    return sent == null ? 0 : sent;
  }

  /**
   * A send that failed before reaching the broker (no metadata in max.block.ms) is a failed future
   * too.
   */
  private CompletableFuture<SendResult<String, String>> send(Pending event) {
    try {
      return kafka.send(toRecord(event));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private ProducerRecord<String, String> toRecord(Pending event) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(properties.topic(), event.meetingId().toString(), event.payload());
    header(record, CloudEventHeaders.ID, event.eventId().toString());
    header(record, CloudEventHeaders.TYPE, event.type());
    header(record, CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_SCHEDULER);
    header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
    header(record, CloudEventHeaders.SUBJECT, event.meetingId().toString());
    header(record, CloudEventHeaders.TIME, event.createdAt().toString());
    header(record, "content-type", "application/json");
    return record;
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private void poll() {
    try {
      // Drain: keep going while full batches come back, then rest for the interval.
      while (relayBatch() == properties.relay().batchSize()) {
        // next batch
      }
    } catch (RuntimeException e) {
      log.warn("Outbox relay poll failed; retrying in {}", properties.relay().interval(), e);
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService relay =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("outbox-relay").daemon().factory());
    relay.scheduleWithFixedDelay(
        this::poll, 0, properties.relay().interval().toMillis(), TimeUnit.MILLISECONDS);
    executor = relay;
  }

  @Override
  public void stop() {
    ScheduledExecutorService relay = executor;
    executor = null;
    if (relay != null) {
      relay.shutdown();
      try {
        relay.awaitTermination(properties.relay().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
