package org.convene.infra.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.convene.events.CloudEventHeaders;

/**
 * Watches the meeting-events topic from this process and notes, per meeting id (the record key),
 * when its first record arrived. Compared with when the bench saw the 201 response, that is the
 * outbox relay's lag as a client experiences it: commit, relay poll, send, broker ack, fetch. No
 * consumer group: it reads every partition from the end, as it was when the probe started.
 */
final class RelayLagProbe implements AutoCloseable {

  /**
   * The first record of a meeting.
   *
   * @param arrivedNanos when {@code poll} returned it ({@link System#nanoTime()})
   * @param arrivedAtMillis the same moment on the wall clock
   * @param producedAtMillis the record's timestamp: when the relay handed it to its producer
   * @param committedAtMillis the {@code ce_time} header: when the outbox row was written
   */
  record Arrival(
      long arrivedNanos, long arrivedAtMillis, long producedAtMillis, long committedAtMillis) {}

  private final KafkaConsumer<String, String> consumer;
  private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  RelayLagProbe(String bootstrapServers, String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "scheduler-bench-relay-probe");
    consumer = new KafkaConsumer<>(config);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolve the end offsets now, not at the first poll, so nothing sent from here on is missed.
    partitions.forEach(consumer::position);
    thread = Thread.ofPlatform().name("bench-relay-probe").daemon().start(this::run);
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
        long now = System.nanoTime();
        long wallClock = System.currentTimeMillis();
        for (ConsumerRecord<String, String> record : batch) {
          records.incrementAndGet();
          Arrival arrival = new Arrival(now, wallClock, record.timestamp(), committedAt(record));
          if (arrivals.putIfAbsent(record.key(), arrival) != null) {
            duplicates.incrementAndGet();
          }
        }
      }
    } catch (WakeupException e) {
      // close() wakes the consumer to end the loop.
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private static long committedAt(ConsumerRecord<String, String> record) {
    Header time = record.headers().lastHeader(CloudEventHeaders.TIME);
    if (time == null) {
      return -1;
    }
    return Instant.parse(new String(time.value(), StandardCharsets.UTF_8)).toEpochMilli();
  }

  /** The first record seen for {@code meetingId}, or null. */
  Arrival arrival(String meetingId) {
    return arrivals.get(meetingId);
  }

  /** Records seen, including second copies. */
  long records() {
    return records.get();
  }

  /** Records of a meeting seen before (a MeetingScheduled sent twice). */
  long duplicates() {
    return duplicates.get();
  }

  /**
   * Waits until every one of {@code meetingIds} has arrived, or {@code timeout} passed; returns how
   * many have not.
   */
  long awaitAll(List<String> meetingIds, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long missing = meetingIds.stream().filter(id -> !arrivals.containsKey(id)).count();
      if (missing == 0 || System.nanoTime() > deadline) {
        return missing;
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
