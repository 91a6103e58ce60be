package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.DeliveryReported;
import org.convene.events.MeetingId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DeliveryReporterTests {

  private static final MeetingId MEETING =
      MeetingId.of(UUID.fromString("0b7e6c1e-3f0e-4a51-9d61-2f7a5f1c9a01"));
  private static final Instant NOW = Instant.parse("2026-12-02T09:15:07Z");

  private final MockProducer<String, String> producer =
      new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
  private final JsonMapper json = JsonMapper.builder().build();
  private final DeliveryReporter reporter =
      new DeliveryReporter(
          producer, json, Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run, Duration.ofSeconds(10));

  @Test
  void eachRecordedOutcomeButASupersededOneIsReportedKeyedByTheMeeting() {
    DeliveryKey chen = new DeliveryKey(MEETING, 3, "chen@bast.example.org", DeliveryKind.UPDATE);
    DeliveryKey li = new DeliveryKey(MEETING, 3, "li@bast.example.org", DeliveryKind.UPDATE);
    DeliveryKey wang = new DeliveryKey(MEETING, 2, "wang@bast.example.org", DeliveryKind.UPDATE);
    DeliveryKey zhou =
        new DeliveryKey(MEETING, 1, "zhou@bast.example.org", DeliveryKind.REMINDER, 60);

    reporter.recorded(
        List.of(
            new DeliveryOutcome.Failed(chen, "550 5.1.1 unknown user", false),
            new DeliveryOutcome.Sent(li, false),
            new DeliveryOutcome.Superseded(wang, 3),
            new DeliveryOutcome.Retry(zhou, Duration.ofMinutes(1), "421 try later", false)));

    List<ProducerRecord<String, String>> sent = producer.history();
    assertThat(sent)
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.key()).isEqualTo(MEETING.value().toString()));
    assertThat(sent)
        .extracting(r -> json.readValue(r.value(), DeliveryReported.class))
        .extracting(
            DeliveryReported::recipient,
            DeliveryReported::message,
            DeliveryReported::state,
            DeliveryReported::reason,
            DeliveryReported::revision,
            DeliveryReported::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "chen@bast.example.org",
                "UPDATE",
                DeliveryReported.State.FAILED,
                "550 5.1.1 unknown user",
                3L,
                NOW),
            org.assertj.core.groups.Tuple.tuple(
                "li@bast.example.org", "UPDATE", DeliveryReported.State.SENT, null, 3L, NOW),
            org.assertj.core.groups.Tuple.tuple(
                "zhou@bast.example.org",
                "REMINDER",
                DeliveryReported.State.RETRYING,
                "421 try later",
                1L,
                NOW));
    ProducerRecord<String, String> first = sent.get(0);
    assertThat(first.topic()).isEqualTo(DeliveryReported.DEFAULT_TOPIC);
    assertThat(
            new String(
                first.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8))
        .isEqualTo(DeliveryReported.CLOUD_EVENT_TYPE);
    assertThat(
            new String(
                first.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8))
        .isEqualTo(json.readValue(first.value(), DeliveryReported.class).reportId());
  }

  @Test
  void theDispatcherDoesNotWaitForABrokerThatIsAwayAndTheReportIsPublishedOnceItAnswers()
      throws Exception {
    CountDownLatch brokerBack = new CountDownLatch(1);
    MockProducer<String, String> waiting =
        new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()) {
          // Not synchronized, unlike MockProducer's own send: waiting while holding the producer's
          // monitor would block the test's history() as well (a deadlock when the publishing
          // thread got here first).
          @Override
          public Future<RecordMetadata> send(
              ProducerRecord<String, String> record, Callback callback) {
            try {
              // As KafkaProducer.send waits for the metadata of a topic whose broker is away.
              brokerBack.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.send(record, callback);
          }
        };
    ExecutorService publisher = Executors.newSingleThreadExecutor();
    DeliveryReporter away =
        new DeliveryReporter(
            waiting, json, Clock.fixed(NOW, ZoneOffset.UTC), publisher, Duration.ofSeconds(10));
    DeliveryKey li = new DeliveryKey(MEETING, 3, "li@bast.example.org", DeliveryKind.UPDATE);
    DeliveryKey wu = new DeliveryKey(MEETING, 3, "wu@bast.example.org", DeliveryKind.UPDATE);

    try {
      CompletableFuture<Void> recorded =
          CompletableFuture.runAsync(
              () -> {
                away.recorded(List.of(new DeliveryOutcome.Sent(li, false)));
                away.recorded(List.of(new DeliveryOutcome.Sent(wu, false)));
              });
      assertThat(recorded)
          .as("the dispatcher's thread is back while the broker is away")
          .succeedsWithin(Duration.ofSeconds(5));
      assertThat(waiting.history()).isEmpty();

      brokerBack.countDown();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(waiting.history())
                      .extracting(r -> json.readValue(r.value(), DeliveryReported.class))
                      .extracting(DeliveryReported::recipient)
                      .containsExactly("li@bast.example.org", "wu@bast.example.org"));
    } finally {
      brokerBack.countDown();
      away.destroy();
    }
    assertThat(publisher.isTerminated()).as("closed with the reporter").isTrue();
  }

  @Test
  void aReportTheBrokerDidNotTakeIsSentAgainAfterTheRetryDelayUntilItIsTaken() throws Exception {
    // Completed by the test: the first sends fail as after the producer's delivery time-out, the
    // retries at first as with a broker unknown to the producer (thrown at once), then are taken.
    AtomicInteger attempts = new AtomicInteger();
    MockProducer<String, String> flaky =
        new MockProducer<>(false, null, new StringSerializer(), new StringSerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, String> record, Callback callback) {
            attempts.incrementAndGet();
            return super.send(record, callback);
          }
        };
    DeliveryReporter kept =
        new DeliveryReporter(
            flaky, json, Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run, Duration.ofMillis(50));
    DeliveryKey li = new DeliveryKey(MEETING, 3, "li@bast.example.org", DeliveryKind.UPDATE);
    DeliveryKey wu = new DeliveryKey(MEETING, 3, "wu@bast.example.org", DeliveryKind.UPDATE);
    try {
      kept.recorded(
          List.of(new DeliveryOutcome.Sent(li, false), new DeliveryOutcome.Sent(wu, false)));
      assertThat(flaky.history()).hasSize(2);
      // Set (before the first retry can start) and cleared under the producer's lock, which its
      // send takes: seen by the retry thread.
      synchronized (flaky) {
        flaky.sendException = new TimeoutException("Topic not present in metadata after 1000 ms");
      }
      assertThat(flaky.errorNext(new TimeoutException("expired after 120000 ms"))).isTrue();
      assertThat(flaky.errorNext(new TimeoutException("expired after 120000 ms"))).isTrue();

      await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);
      synchronized (flaky) {
        flaky.sendException = null;
      }

      await().atMost(Duration.ofSeconds(5)).until(() -> flaky.history().size() == 4);
      assertThat(kept.waitingForTheBroker()).isZero();
      while (flaky.completeNext()) {
        // Taken by the broker.
      }
      List<String> reportIds =
          flaky.history().stream()
              .map(r -> json.readValue(r.value(), DeliveryReported.class).reportId())
              .toList();
      assertThat(flaky.history()).hasSize(4);
      assertThat(reportIds.subList(2, 4))
          .as("the same reports, in the order they were recorded")
          .containsExactlyElementsOf(reportIds.subList(0, 2));
      assertThat(kept.waitingForTheBroker()).isZero();
    } finally {
      kept.destroy();
    }
  }

  @Test
  void aMessageWaitingForTheMailServerIsReportedAsRetryingWithTheReason() {
    DeliveryKey sun = new DeliveryKey(MEETING, 2, "sun@bast.example.org", DeliveryKind.UPDATE);

    DeliveryReported report =
        reporter.report(
            new DeliveryOutcome.AwaitingRelay(
                sun, Duration.ofSeconds(2), "Connection refused", false));

    assertThat(report.state()).isEqualTo(DeliveryReported.State.RETRYING);
    assertThat(report.reason()).isEqualTo("Connection refused");
    assertThat(report.recipient()).isEqualTo("sun@bast.example.org");
  }
}
