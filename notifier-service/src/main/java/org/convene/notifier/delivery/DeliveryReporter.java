package org.convene.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.DeliveryReported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the scheduler what became of each message, once its outcome is recorded in the ledger: a
 * {@link DeliveryReported} on {@value DeliveryReported#DEFAULT_TOPIC}, keyed by the meeting. The
 * ledger stays the record; a report is a copy for the organisers' pages, sent without waiting (the
 * dispatcher does not slow down for it) on a producer of its own, not the application's template,
 * whose serialiser writes dead letters only. A report lost to a broker outage or a crash between
 * the ledger write and the send is not sent again: the page then shows the person's previous state
 * until their next message.
 *
 * <p>The reports are handed to one thread of their own, in the order they were recorded: while the
 * broker is away each send blocks for the topic's metadata, and on the dispatcher threads that held
 * every message for as long, which slowed delivery to about one message a second per thread for the
 * whole outage. What that thread cannot keep up with beyond {@value #QUEUED_HAND_OVERS} waiting
 * hand-overs (each the outcomes recorded together) is dropped with a warning, as a report the
 * broker never took is.
 */
@Component
class DeliveryReporter implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DeliveryReporter.class);

  /** Hand-overs waiting for the publishing thread: a backlog of several thousand messages. */
  static final int QUEUED_HAND_OVERS = 10_000;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** How long reports wait for others to share a request to the broker. */
  static final Duration REPORTS_LINGER = Duration.ofMillis(100);

  private final Producer<String, String> producer;
  private final JsonMapper json;
  private final Clock clock;
  private final Executor publisher;

  @Autowired
  DeliveryReporter(KafkaProperties kafka, JsonMapper json, Clock clock) {
    this(producer(kafka.buildProducerProperties()), json, clock, publisher());
  }

  DeliveryReporter(
      Producer<String, String> producer, JsonMapper json, Clock clock, Executor publisher) {
    this.producer = producer;
    this.json = json;
    this.clock = clock;
    this.publisher = publisher;
  }

  private static ExecutorService publisher() {
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUED_HAND_OVERS),
        task -> {
          Thread thread = new Thread(task, "delivery-reports");
          thread.setDaemon(true);
          return thread;
        },
        (task, executor) ->
            log.warn("Delivery reports dropped: more than {} waiting", QUEUED_HAND_OVERS));
  }

  private static Producer<String, String> producer(Map<String, Object> properties) {
    Map<String, Object> own = new HashMap<>(properties);
    own.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    own.put(ProducerConfig.ACKS_CONFIG, "all");
    own.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    // A send waits only for the topic's metadata (or a full buffer); never hold the dispatcher
    // longer than this for a copy.
    own.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
    // Copies for a page, not on anybody's path: gathered for up to REPORTS_LINGER into one request.
    // With Kafka's 5 ms a busy notifier sent the broker a request for every two or three reports,
    // one per message sent, and on a machine shared with the broker that took cores from sending.
    own.put(ProducerConfig.LINGER_MS_CONFIG, (int) REPORTS_LINGER.toMillis());
    own.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return new KafkaProducer<>(own, new StringSerializer(), new StringSerializer());
  }

  /**
   * Reports the outcomes just recorded, without waiting for the broker; a superseded message was
   * never sent and is not reported.
   */
  void recorded(List<DeliveryOutcome> outcomes) {
    List<DeliveryReported> reports =
        outcomes.stream().map(this::report).filter(Objects::nonNull).toList();
    if (!reports.isEmpty()) {
      publisher.execute(() -> reports.forEach(this::publish));
    }
  }

  DeliveryReported report(DeliveryOutcome outcome) {
    DeliveryReported.State state;
    String reason;
    switch (outcome) {
      case DeliveryOutcome.Sent ignored -> {
        state = DeliveryReported.State.SENT;
        reason = null;
      }
      case DeliveryOutcome.Retry retry -> {
        state = DeliveryReported.State.RETRYING;
        reason = retry.error();
      }
      case DeliveryOutcome.AwaitingRelay waiting -> {
        // The mail server itself is away: the message waits for it, as a retry does.
        state = DeliveryReported.State.RETRYING;
        reason = waiting.error();
      }
      case DeliveryOutcome.Failed failed -> {
        state = DeliveryReported.State.FAILED;
        reason = failed.error();
      }
      case DeliveryOutcome.Superseded ignored -> {
        return null;
      }
    }
    DeliveryKey key = outcome.key();
    return new DeliveryReported(
        UUID.randomUUID().toString(),
        key.meetingId(),
        key.revision(),
        key.recipient(),
        key.kind().name(),
        state,
        reason,
        clock.instant());
  }

  private void publish(DeliveryReported report) {
    List<Header> headers =
        List.of(
            header(CloudEventHeaders.ID, report.reportId()),
            header(CloudEventHeaders.TYPE, DeliveryReported.CLOUD_EVENT_TYPE),
            header(CloudEventHeaders.SOURCE, DeliveryReported.SOURCE_NOTIFIER),
            header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0));
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            DeliveryReported.DEFAULT_TOPIC,
            null,
            report.meetingId().value().toString(),
            json.writeValueAsString(report),
            headers);
    try {
      producer.send(
          record,
          (metadata, failure) -> {
            if (failure != null) {
              notPublished(report, failure);
            }
          });
    } catch (RuntimeException failure) {
      // A report is a copy: its loss must not stop the dispatcher, whose outcome is recorded.
      notPublished(report, failure);
    }
  }

  private static void notPublished(DeliveryReported report, Exception failure) {
    log.warn(
        "Delivery report for {} of meeting {} not published: {}",
        report.recipient(),
        report.meetingId(),
        failure.toString());
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Publishes what is still waiting (for a few seconds at most), then closes the producer. */
  @Override
  public void destroy() throws InterruptedException {
    if (publisher instanceof ExecutorService executor) {
      executor.shutdown();
      executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    producer.close(CLOSE_TIMEOUT);
  }
}
