package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.EventId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.notifier.testing.Mails;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * The notifier end to end: events published as the scheduler publishes them reach every
 * participant's inbox once; what cannot be read goes to the dead-letter topic; what cannot be sent
 * is shown to operators and can be retried.
 */
class NotifierIntegrationTests extends NotifierTestSupport {

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyParticipantReceivesOneItipRequestAndARedeliveredEventSendsNothingMore() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("invited"));
    MeetingScheduled event = story.scheduled();
    Map<String, String> expectedRoles =
        Map.of(
            story.mailbox("shen.jie"), "CHAIR",
            story.mailbox("tian.wen"), "REQ-PARTICIPANT",
            story.mailbox("chen.weicheng"), "REQ-PARTICIPANT",
            story.mailbox("li.na"), "OPT-PARTICIPANT",
            story.mailbox("archive"), "NON-PARTICIPANT");

    publish(event);

    await()
        .atMost(DELIVERY)
        .until(() -> TestSmtp.receivedFor(story.domain()).size() == expectedRoles.size());
    List<MimeMessage> messages = TestSmtp.receivedFor(story.domain());
    assertThat(messages)
        .extracting(TestSmtp::recipient)
        .containsExactlyInAnyOrderElementsOf(expectedRoles.keySet());
    for (MimeMessage message : messages) {
      String recipient = TestSmtp.recipient(message);
      assertThat(Mails.contentTypeMethod(message)).isEqualTo("REQUEST");
      assertThat(Mails.summary(message).method()).isEqualTo("REQUEST");
      assertThat(Mails.summary(message).sequence()).isEqualTo(1);
      assertThat(Mails.vevent(message).getUid().orElseThrow().getValue())
          .isEqualTo(story.meetingId() + "@convene");
      assertThat(Mails.attendees(message)).hasSize(expectedRoles.size());
      assertThat(Mails.roleOf(message, recipient))
          .as("ROLE of %s", recipient)
          .isEqualTo(expectedRoles.get(recipient));
    }
    awaitLedger(
        story.meetingId(),
        rows -> assertThat(rows).hasSize(5).allMatch(row -> row.endsWith(" 1 INVITATION SENT")));

    publish(event);
    MeetingStory marker = new MeetingStory(MeetingStory.uniqueDomain("after-redelivery"));
    publish(marker.scheduled());

    // One partition: once the marker's mail is here, the redelivered event has been processed.
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(marker.domain()).size() == 5);
    assertThat(TestSmtp.receivedFor(story.domain())).hasSize(expectedRoles.size());
    assertThat(ledger(story.meetingId()))
        .hasSize(5)
        .allMatch(row -> row.endsWith(" 1 INVITATION SENT"));
  }

  @Test
  void anotherEventClaimingARecordedRevisionIsIgnoredAndCountedAsConflicting() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("conflicting"));
    MeetingScheduled event = story.scheduled();
    publish(event);
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
    double before = conflicting();

    MeetingScheduled impostor =
        new MeetingScheduled(
            EventId.random(),
            event.meetingId(),
            event.revision(),
            event.occurredAt(),
            story.movedToRoom("Somewhere else").meeting());
    publish(impostor);
    MeetingStory marker = new MeetingStory(MeetingStory.uniqueDomain("after-conflict"));
    publish(marker.scheduled());

    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(marker.domain()).size() == 5);
    assertThat(conflicting()).isEqualTo(before + 1);
    assertThat(TestSmtp.receivedFor(story.domain())).hasSize(5);
    assertThat(
            jdbc.sql("select event_id from meeting_event where meeting_id = :id")
                .param("id", event.meetingId().value())
                .query(UUID.class)
                .list())
        .containsExactly(event.eventId().value());
  }

  private double conflicting() {
    Counter counter =
        meters
            .find("convene.notifier.events")
            .tag("type", "MeetingScheduled")
            .tag("outcome", "conflicting")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillDelivered()
      throws Exception {
    byte[] poison =
        "{\"type\":\"MeetingScheduled\", this is not JSON".getBytes(StandardCharsets.UTF_8);
    String key = "poison-" + UUID.randomUUID();
    send(TOPIC, key, poison, cloudEventHeaders());
    MeetingStory next = new MeetingStory(MeetingStory.uniqueDomain("after-poison"));
    publish(next.scheduled());

    ConsumerRecord<String, byte[]> dead = deadLetter(key);
    assertThat(dead.value()).isEqualTo(poison);
    assertThat(text(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN)))
        .isEqualTo("org.springframework.kafka.support.serializer.DeserializationException");
    assertThat(text(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC))).isEqualTo(TOPIC);
    assertThat(text(dead.headers().lastHeader(CloudEventHeaders.TYPE)))
        .isEqualTo("org.convene.meeting.scheduled.v1");
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(next.domain()).size() == 5);
    assertThat(Mails.subject(TestSmtp.inbox(next.mailbox("tian.wen")).getFirst()))
        .startsWith("邀请：");
    assertThat(prometheus())
        .contains(
            "convene_notifier_dead_letters_total{group=\"invitations\",reason=\"DeserializationException\"}",
            "# HELP convene_notifier_dead_letters_total Records a consumer group gave up on");
  }

  @Test
  void anInvalidAddressFailsForThatRecipientOnlyIsShownToOperatorsAndCanBeRetried()
      throws Exception {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("partly"));
    MeetingSnapshot meeting = story.meeting();
    story.with(
        new MeetingSnapshot(
            meeting.title(),
            meeting.description(),
            meeting.organiser(),
            meeting.start(),
            meeting.end(),
            meeting.timeZone(),
            meeting.location(),
            null,
            List.of(),
            List.of(
                new Participant(
                    "Reachable", story.mailbox("reachable"), ParticipantRole.CHAIR, "en", null),
                new Participant(
                    "Unreachable", "not a mailbox", ParticipantRole.VOTING, "en", null)),
            List.of(),
            meeting.status()));

    publish(story.scheduled());

    await()
        .atMost(DELIVERY)
        .until(
            () ->
                ledger(story.meetingId())
                    .equals(
                        List.of(
                            "not a mailbox 1 INVITATION FAILED", "reachable 1 INVITATION SENT")));
    assertThat(TestSmtp.receivedFor(story.domain())).hasSize(1);
    String failed = get("/actuator/deliveries?status=FAILED&meetingId=" + story.meetingId());
    assertThat(failed)
        .contains(
            "\"recipient\":\"not a mailbox\"",
            "\"status\":\"FAILED\"",
            "Not a valid mailbox: 'not a mailbox'",
            "\"counts\":{");

    String retried = post("/actuator/deliveries", "{\"meetingId\":\"" + story.meetingId() + "\"}");

    assertThat(retried).isEqualTo("{\"retried\":1}");
    // Still not an address: tried once more and failed again, with the same reason.
    await()
        .atMost(DELIVERY)
        .until(
            () ->
                jdbc.sql(
                            "select status || ' ' || attempts from delivery where meeting_id = :id and recipient = 'not a mailbox'")
                        .param("id", story.meetingId().value())
                        .query(String.class)
                        .single()
                        .equals("FAILED 1")
                    && get("/actuator/prometheus")
                        .contains(
                            "convene_notifier_deliveries_total{kind=\"INVITATION\",outcome=\"failed\"}"));
    assertThat(TestSmtp.receivedFor(story.domain())).hasSize(1);
  }

  @Test
  void healthMetricsAndTheDeliveriesEndpointAreExposed() throws Exception {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("metrics"));
    publish(story.scheduled());
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);

    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
    assertThat(prometheus())
        .contains(
            "hikaricp_connections",
            "convene_notifier_events_total{outcome=\"recorded\",type=\"MeetingScheduled\"}",
            "convene_notifier_deliveries_total{kind=\"INVITATION\",outcome=\"sent\"}",
            "convene_notifier_smtp_send_seconds_count{outcome=\"accepted\"}",
            "convene_notifier_smtp_send_seconds_bucket",
            "convene_notifier_smtp_connect_seconds_count{outcome=\"connected\"}",
            "convene_notifier_deliveries_owed ",
            "convene_notifier_deliveries_oldest_due_seconds ");
    assertThat(get("/actuator/deliveries?meetingId=" + story.meetingId()))
        .contains(
            "\"meetingId\":\"" + story.meetingId() + "\"",
            "\"status\":\"SENT\"",
            "\"kind\":\"INVITATION\"",
            "\"sentAt\":\"");
    // One recipient of one meeting: their messages only, and the counts of those.
    assertThat(
            get(
                "/actuator/deliveries?meetingId="
                    + story.meetingId()
                    + "&recipient="
                    + story.mailbox("tian.wen").toUpperCase(java.util.Locale.ROOT)))
        .contains(
            "\"counts\":{\"PENDING\":0,\"SENT\":1,",
            "\"recipient\":\"" + story.mailbox("tian.wen") + "\"")
        .doesNotContain("\"recipient\":\"" + story.mailbox("li.na") + "\"");
    // A browser is sent to the console's flow page of the same meeting, not refused with a 406.
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/deliveries?meetingId=" + story.meetingId()))
                .header("Authorization", OPS)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location"))
        .hasValueSatisfying(
            location -> assertThat(location).endsWith("/ops/flow?q=" + story.meetingId()));
    assertThat(
            http.send(
                    HttpRequest.newBuilder(uri("/actuator/deliveries?status=LOST"))
                        .header("Authorization", OPS)
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(400);
    // Beyond health, the actuator is for ops only.
    assertThat(
            http.send(
                    HttpRequest.newBuilder(uri("/actuator/deliveries")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(uri("/actuator/deliveries"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(uri("/actuator/prometheus"))
                        .header("Authorization", basic("ops", "wrong"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
  }

  private String prometheus() throws Exception {
    return get("/actuator/prometheus");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(path)).header("Authorization", OPS).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private String post(String path, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Authorization", OPS)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  static final String OPS = basic("ops", "ops-secret");

  static String basic(String user, String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /** The dead letter with this key, read from the start of the dead-letter topic. */
  private ConsumerRecord<String, byte[]> deadLetter(String key) {
    Map<String, Object> properties =
        KafkaTestUtils.consumerProps(broker, "dead-letters-" + UUID.randomUUID(), false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (Consumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(DEAD_LETTERS));
      ConsumerRecord<String, byte[]>[] found = new ConsumerRecord[1];
      await()
          .atMost(DELIVERY)
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (key.equals(record.key())) {
                    found[0] = record;
                  }
                }
                return found[0] != null;
              });
      return found[0];
    }
  }

  private static String text(Header header) {
    assertThat(header).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
