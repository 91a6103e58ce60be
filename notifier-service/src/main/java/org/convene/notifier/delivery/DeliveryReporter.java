package org.convene.notifier.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * whose serialiser writes dead letters only.
 *
 * <p>A report the broker did not take (away longer than the producer's delivery time-out, or not
 * known to the producer yet) is kept and sent again every {@code reports-retry-interval} ({@link
 * DeliveryProperties}, 10 s) until it is taken, up to {@value #MAX_KEPT} reports, the oldest
 * dropped first: the scheduler keeps the newest state of each person, so a late report changes
 * nothing that a newer one has said. A report still waiting when the notifier stops, or lost in a
 * crash between the ledger write and the send, is not sent again: the page then shows the person's
 * previous state until their next message.
 *
 * <p>The reports are handed to one thread of their own, in the order they were recorded: while the
 * broker is away each send blocks for the topic's metadata, and on the dispatcher threads that held
 * every message for as long, which slowed delivery to about one message a second per thread for the
 * whole outage. What that thread cannot keep up with beyond {@value #QUEUED_HAND_OVERS} waiting
 * hand-overs (each the outcomes recorded together) is dropped with a warning.
 */
@Component
class DeliveryReporter implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DeliveryReporter.class);

  /** Hand-overs waiting for the publishing thread: a backlog of several thousand messages. */
  static final int QUEUED_HAND_OVERS = 10_000;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** How long reports wait for others to share a request to the broker. */
  static final Duration REPORTS_LINGER = Duration.ofMillis(100);

  /**
   * Reports kept for the broker's return at most: a few hours of a busy notifier's reports, about
   * 30 MB of heap.
   */
  static final int MAX_KEPT = 100_000;

  /** Reports kept because the broker did not take them, waiting to be sent again. */
  static final String WAITING = "convene.notifier.delivery.reports.waiting";

  private final Producer<String, String> producer;
  private final JsonMapper json;
  private final Clock clock;
  private final Executor publisher;
  private final ScheduledExecutorService retries;
  private final Duration retryAfter;

  /** Reports to send again, oldest first; counted apart, as the deque's size is a walk. */
  private final Deque<DeliveryReported> kept = new ConcurrentLinkedDeque<>();

  private final AtomicInteger keptCount = new AtomicInteger();
  private final AtomicBoolean retryPlanned = new AtomicBoolean();

  /** Whether a report was kept since every report was last taken: for one log line each way. */
  private final AtomicBoolean brokerMissed = new AtomicBoolean();

  @Autowired
  DeliveryReporter(
      KafkaProperties kafka,
      DeliveryProperties delivery,
      JsonMapper json,
      Clock clock,
      MeterRegistry meters) {
    this(
        producer(kafka.buildProducerProperties()),
        json,
        clock,
        publisher(),
        delivery.reportsRetryInterval());
    Gauge.builder(WAITING, this, DeliveryReporter::waitingForTheBroker)
        .description("Delivery reports the broker did not take, waiting to be sent again")
        .register(meters);
  }

  DeliveryReporter(
      Producer<String, String> producer,
      JsonMapper json,
      Clock clock,
      Executor publisher,
      Duration retryAfter) {
    this.producer = producer;
    this.json = json;
    this.clock = clock;
    this.publisher = publisher;
    this.retryAfter = retryAfter;
    this.retries =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "delivery-reports-retry");
              thread.setDaemon(true);
              return thread;
            });
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

  /** How many reports wait for the broker to take them. */
  int waitingForTheBroker() {
    return keptCount.get();
  }

  private void publish(DeliveryReported report) {
    publish(report, false);
  }

  /**
   * Whether the report was handed to the producer; if not, it is kept: last, or first if it is
   * {@code keptBefore} (so that the kept stay in the order they were recorded).
   */
  private boolean publish(DeliveryReported report, boolean keptBefore) {
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
              keep(report, failure, false);
            } else if (keptCount.get() == 0 && brokerMissed.compareAndSet(true, false)) {
              log.info("Delivery reports are published again: none waits for the broker");
            }
          });
      return true;
    } catch (RuntimeException failure) {
      // A report is a copy: the broker's absence must not stop the dispatcher, whose outcome is
      // recorded.
      keep(report, failure, keptBefore);
      return false;
    }
  }

  /** Keeps a report the broker did not take, to send it again once {@link #retryAfter} passed. */
  private void keep(DeliveryReported report, Exception failure, boolean first) {
    if (first) {
      kept.addFirst(report);
      keptCount.incrementAndGet();
    } else {
      kept.addLast(report);
      DeliveryReported dropped = keptCount.incrementAndGet() > MAX_KEPT ? kept.pollFirst() : null;
      if (dropped != null) {
        keptCount.decrementAndGet();
        log.warn(
            "Delivery report dropped: more than {} wait for the broker; the page of meeting {}"
                + " shows an older state of {} until their next message",
            MAX_KEPT,
            dropped.meetingId(),
            dropped.recipient());
      }
    }
    if (brokerMissed.compareAndSet(false, true)) {
      // Once until every report is taken again, not once a report: an outage fails all of them.
      log.warn(
          "Delivery reports not published, kept and sent again every {} ms until the broker takes"
              + " them: {}",
          retryAfter.toMillis(),
          failure.toString());
    }
    if (retryPlanned.compareAndSet(false, true)) {
      try {
        retries.schedule(this::publishKept, retryAfter.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        // The notifier is stopping: what waits is not sent (see the class comment).
      }
    }
  }

  /**
   * Sends the kept reports again, oldest first, until one cannot be handed to the producer (the
   * broker is still away: the rest wait for the next retry). One whose send fails later comes back
   * through the callback.
   */
  private void publishKept() {
    retryPlanned.set(false);
    int waiting = keptCount.get();
    log.debug("Publishing again {} delivery reports the broker did not take", waiting);
    for (int i = 0; i < waiting; i++) {
      DeliveryReported report = kept.pollFirst();
      if (report == null) {
        return;
      }
      keptCount.decrementAndGet();
      if (!publish(report, true)) {
        return;
      }
    }
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Publishes what is still waiting (for a few seconds at most), then closes the producer. */
  @Override
  public void destroy() throws InterruptedException {
    retries.shutdownNow();
    if (publisher instanceof ExecutorService executor) {
      executor.shutdown();
      executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    producer.close(CLOSE_TIMEOUT);
  }
}
