package org.convene.scheduler.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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

/**
 * Publishes committed outbox events to Kafka, oldest first, and deletes them once the broker has
 * acknowledged them (acks=all, idempotent producer). One instance relays at a time across all
 * scheduler instances ({@link RelayLeadership}), so events of one meeting leave in revision order.
 * The leader wakes on every commit that appended an event (a PostgreSQL notification) and polls at
 * {@code convene.scheduler.relay.interval} besides. It holds no transaction while it waits for the
 * broker: rows are read and deleted in statements of their own. When Kafka is unreachable the batch
 * stays in the table and is retried: events are delayed, never lost. A batch that failed half-way
 * may be sent again; the notifier's delivery ledger makes that harmless.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /** Advisory lock key shared by all relays: "convene outbox" in a long. */
  public static final long RELAY_LOCK = 0x436f6e76_656e6501L;

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final KafkaTemplate<String, String> kafka;
  private final SchedulerProperties properties;
  private final Timer lag;
  private volatile Thread thread;

  OutboxRelay(
      DataSource dataSource,
      JdbcClient jdbc,
      KafkaTemplate<String, String> kafka,
      SchedulerProperties properties,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.kafka = kafka;
    this.properties = properties;
    this.lag =
        Timer.builder("convene.outbox.relay.lag")
            .description("Time from an event's commit to the broker's acknowledgement")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    Gauge.builder("convene.outbox.backlog", this, relay -> relay.waiting("count(*)"))
        .description("Events committed and not yet acknowledged by the broker")
        .register(meters);
    Gauge.builder(
            "convene.outbox.oldest.age",
            this,
            relay -> relay.waiting("coalesce(extract(epoch from now() - min(created_at)), 0)"))
        .description("Seconds the oldest event waiting in the outbox has waited")
        .baseUnit("seconds")
        .register(meters);
  }

  private record Pending(
      long id,
      UUID eventId,
      UUID meetingId,
      String type,
      String payload,
      Instant createdAt,
      String traceParent) {}

  /** Relays one batch on the leader's connection; returns how many events were published. */
  int relayBatch(Connection connection) throws SQLException {
    List<Pending> batch = oldest(connection, properties.relay().batchSize());
    if (batch.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(batch.size());
    for (Pending event : batch) {
      sends.add(send(event));
    }
    List<Long> published = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      try {
        sends.get(i).get(properties.relay().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        Pending failed = batch.get(i);
        log.warn(
            "Outbox relay could not publish event {} of meeting {} ({}); {} event(s) stay queued and are retried",
            failed.eventId(),
            failed.meetingId(),
            rootMessage(e),
            batch.size() - i);
        // Later sends of this batch may still be pending; they are retried from the table.
        break;
      }
      published.add(batch.get(i).id());
      lag.record(Duration.between(batch.get(i).createdAt(), Instant.now()));
    }
    if (!published.isEmpty()) {
      try (PreparedStatement delete =
          connection.prepareStatement("delete from outbox where id = any(?)")) {
        Array ids = connection.createArrayOf("bigint", published.toArray());
        delete.setArray(1, ids);
        delete.executeUpdate();
      }
    }
    return published.size();
  }

  private static List<Pending> oldest(Connection connection, int limit) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            """
            select id, event_id, meeting_id, event_type, payload, created_at,
                   trace_parent
            from outbox order by id limit ?
            """)) {
      select.setInt(1, limit);
      try (ResultSet rs = select.executeQuery()) {
        List<Pending> batch = new ArrayList<>();
        while (rs.next()) {
          batch.add(
              new Pending(
                  rs.getLong("id"),
                  rs.getObject("event_id", UUID.class),
                  rs.getObject("meeting_id", UUID.class),
                  rs.getString("event_type"),
                  rs.getString("payload"),
                  rs.getTimestamp("created_at").toInstant(),
                  rs.getString("trace_parent")));
        }
        return batch;
      }
    }
  }

  /** What waits in the outbox, for the gauges; NaN while the database cannot say. */
  private double waiting(String aggregate) {
    try {
      return jdbc.sql("select " + aggregate + " from outbox").query(Double.class).single();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
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
    if (event.traceParent() != null) {
      header(record, TraceParent.HEADER, event.traceParent());
    }
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

  /**
   * The relay's thread: the leader drains the outbox and waits for the next commit; the others try
   * for the lead at every interval.
   */
  private void run() {
    Duration interval = properties.relay().interval();
    try (RelayLeadership leadership = new RelayLeadership(dataSource)) {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          if (leadership.acquire(RELAY_LOCK)) {
            // Drain: keep going while full batches come back, then wait for a commit.
            while (relayBatch(leadership.connection()) == properties.relay().batchSize()) {
              // next batch
            }
            leadership.awaitCommit(interval);
          } else {
            Thread.sleep(interval);
          }
        } catch (SQLException | RuntimeException e) {
          log.warn("Outbox relay lost its database connection; retrying in {}", interval, e);
          leadership.close();
          Thread.sleep(interval);
        }
      }
    } catch (InterruptedException e) {
      // Stopped.
    }
  }

  @Override
  public void start() {
    thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
  }

  @Override
  public void stop() {
    Thread relay = thread;
    thread = null;
    if (relay != null) {
      relay.interrupt();
      try {
        relay.join(properties.relay().sendTimeout().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }
}
