package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.SampleEvents;
import org.convene.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton end to end, on a real Kafka broker (KRaft), PostgreSQL and SMTP server:
 * events published as the scheduler publishes them reach every participant's inbox once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(topics = NotifierIntegrationTests.TOPIC, partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class NotifierIntegrationTests {

  static final String TOPIC = CloudEventHeaders.DEFAULT_TOPIC;
  static final String DEAD_LETTERS = TOPIC + NotifierProperties.DEAD_LETTER_SUFFIX;
  static final Duration DELIVERY = Duration.ofSeconds(60);

  // One server for the class: the Spring context, shared by all tests, keeps its port.
  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> EmbeddedPostgresServer.jdbcUrl("notifier_it"));
    registry.add("spring.datasource.username", EmbeddedPostgresServer::username);
    registry.add("spring.datasource.password", EmbeddedPostgresServer::password);
    registry.add("spring.mail.host", () -> smtp.getSmtp().getBindTo());
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  private static final JsonMapper json = JsonMapper.builder().build();
  private static Producer<String, byte[]> scheduler;

  @Autowired EmbeddedKafkaBroker broker;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @BeforeAll
  static void schedulerProducer(@Autowired EmbeddedKafkaBroker broker) {
    scheduler = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void closeProducer() {
    scheduler.close(Duration.ofSeconds(5));
  }

  @Test
  void everyParticipantReceivesOneItipRequestAndARedeliveredEventSendsNothingMore() throws Exception {
    MeetingScheduled event = SampleEvents.meetingScheduled();
    Map<String, String> expectedRoles = Map.of(
        "shen.jie@bast.example.org", "CHAIR",
        "tian.wen@bast.example.org", "REQ-PARTICIPANT",
        "chen.weicheng@bast.example.org", "REQ-PARTICIPANT",
        "li.na@bast.example.org", "OPT-PARTICIPANT",
        "archive@bast.example.org", "NON-PARTICIPANT");

    publish(event);

    await().atMost(DELIVERY).until(() -> inbox("bast.example.org").size() == expectedRoles.size());
    List<MimeMessage> messages = inbox("bast.example.org");
    assertThat(messages).extracting(NotifierIntegrationTests::recipient).containsExactlyInAnyOrderElementsOf(expectedRoles.keySet());
    Set<String> uids = new HashSet<>();
    for (MimeMessage message : messages) {
      String recipient = recipient(message);
      BodyPart request = calendarPart(message);
      assertThat(new ContentType(request.getContentType()).getParameter("method")).isEqualTo("REQUEST");
      Calendar calendar = new CalendarBuilder().build(new StringReader(read(request)));
      assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
      assertThat(calendar.getComponents(Component.VTIMEZONE)).isNotEmpty();
      List<VEvent> vevents = calendar.getComponents(Component.VEVENT);
      assertThat(vevents).hasSize(1);
      VEvent vevent = vevents.getFirst();
      assertThat(vevent.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("1");
      uids.add(vevent.getProperty(Property.UID).orElseThrow().getValue());
      List<Attendee> attendees = vevent.getProperties(Property.ATTENDEE);
      assertThat(attendees).hasSize(expectedRoles.size());
      Attendee self = attendees.stream().filter(a -> a.getValue().equalsIgnoreCase("mailto:" + recipient)).findFirst().orElseThrow();
      assertThat(self.getParameter(Parameter.ROLE).orElseThrow().getValue()).as("ROLE of %s", recipient).isEqualTo(expectedRoles.get(recipient));
    }
    assertThat(uids).containsExactly(SampleEvents.MEETING_ID + "@convene");
    assertThat(ledger(event.meetingId())).containsOnly("SENT/1").hasSize(expectedRoles.size());

    publish(event);
    MeetingScheduled marker = meetingWith(new Participant("Marker", "marker@after-redelivery.example.org", ParticipantRole.VOTING, "en", null));
    publish(marker);

    // One partition: once the marker's mail is here, the redelivered event has been processed.
    await().atMost(DELIVERY).until(() -> inbox("after-redelivery.example.org").size() == 1);
    assertThat(inbox("bast.example.org")).hasSize(expectedRoles.size());
    assertThat(ledger(event.meetingId())).containsOnly("SENT/1").hasSize(expectedRoles.size());
  }

  @Test
  void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillDelivered() throws Exception {
    byte[] poison = "{\"type\":\"MeetingScheduled\", this is not JSON".getBytes(StandardCharsets.UTF_8);
    scheduler.send(new ProducerRecord<>(TOPIC, null, "poison-key", poison, cloudEventHeaders(UUID.randomUUID().toString()))).get(10, TimeUnit.SECONDS);
    MeetingScheduled next = meetingWith(new Participant("After Poison", "next@after-poison.example.org", ParticipantRole.VOTING, "zh-CN", null));
    publish(next);

    ConsumerRecord<String, byte[]> dead = deadLetter("poison-key");
    assertThat(dead.value()).isEqualTo(poison);
    assertThat(text(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN)))
        .isEqualTo("org.springframework.kafka.support.serializer.DeserializationException");
    assertThat(text(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC))).isEqualTo(TOPIC);
    assertThat(text(dead.headers().lastHeader(CloudEventHeaders.TYPE))).isEqualTo("org.convene.meeting.scheduled.v1");
    await().atMost(DELIVERY).until(() -> inbox("after-poison.example.org").size() == 1);
    assertThat(inbox("after-poison.example.org").getFirst().getSubject()).startsWith("邀请：");
  }

  @Test
  void anUndeliverableRecipientIsMarkedFailedTheOthersAreSentAndTheEventIsDeadLettered() throws Exception {
    MeetingScheduled event = meetingWith(
        new Participant("Reachable", "reachable@partly.example.org", ParticipantRole.CHAIR, "en", null),
        new Participant("Unreachable", "not a mailbox", ParticipantRole.VOTING, "en", null));

    publish(event);

    ConsumerRecord<String, byte[]> dead = deadLetter(event.meetingId().toString());
    assertThat(json.readValue(dead.value(), MeetingEvent.class)).isEqualTo(event);
    assertThat(dead.headers().lastHeader("__TypeId__")).isNull();
    assertThat(text(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)))
        .isEqualTo("org.convene.notifier.delivery.UndeliveredInvitationsException");
    assertThat(text(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE))).contains("not a mailbox");
    assertThat(inbox("partly.example.org")).hasSize(1);
    assertThat(jdbc.sql("select recipient || ' ' || status || '/' || attempts || ' ' || coalesce(last_error, '') from delivery where meeting_id = :id order by recipient")
            .param("id", event.meetingId().value())
            .query(String.class)
            .list())
        .satisfiesExactly(
            unreachable -> assertThat(unreachable).startsWith("not a mailbox FAILED/1 Not a valid mailbox: 'not a mailbox'"),
            reachable -> assertThat(reachable).isEqualTo("reachable@partly.example.org SENT/1 "));
  }

  @Test
  void healthAndPrometheusMetricsAreExposed() throws Exception {
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("hikaricp_connections", "application_ready_time_seconds");
  }

  /** As the scheduler publishes: key the meeting id, value the contract's JSON, CloudEvents headers. */
  private static void publish(MeetingEvent event) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, null, event.meetingId().toString(), json.writeValueAsBytes(event), cloudEventHeaders(event.eventId().toString()));
    scheduler.send(record).get(10, TimeUnit.SECONDS);
  }

  private static List<Header> cloudEventHeaders(String id) {
    return List.of(
        header(CloudEventHeaders.ID, id),
        header(CloudEventHeaders.TYPE, "org.convene.meeting.scheduled.v1"),
        header(CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_SCHEDULER),
        header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0));
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static MeetingScheduled meetingWith(Participant... participants) {
    MeetingSnapshot sample = SampleEvents.theoryDiscussingMeeting();
    MeetingSnapshot meeting = new MeetingSnapshot("Follow-up", sample.description(), sample.organiser(), sample.start(), sample.end(), sample.timeZone(),
        sample.location(), null, List.of(), List.of(participants), List.of(), sample.status());
    return new MeetingScheduled(EventId.random(), MeetingId.random(), 1, Instant.now(), meeting);
  }

  /** The dead letter with this key, read from the start of the dead-letter topic. */
  private ConsumerRecord<String, byte[]> deadLetter(String key) {
    Map<String, Object> properties = KafkaTestUtils.consumerProps(broker, "dead-letters-" + UUID.randomUUID(), false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (Consumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(DEAD_LETTERS));
      List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
      return await().atMost(DELIVERY).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(record -> key.equals(record.key())).findFirst().orElse(null);
      }, Objects::nonNull);
    }
  }

  private List<String> ledger(MeetingId meetingId) {
    return jdbc.sql("select status || '/' || attempts from delivery where meeting_id = :meetingId and revision = 1 and kind = 'INVITATION'")
        .param("meetingId", meetingId.value())
        .query(String.class)
        .list();
  }

  private static List<MimeMessage> inbox(String domain) {
    return Arrays.asList(smtp.getReceivedMessagesForDomain(domain));
  }

  private static String recipient(MimeMessage message) {
    try {
      return Arrays.stream(message.getRecipients(RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress()).collect(Collectors.joining(","));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BodyPart calendarPart(MimeMessage message) throws MessagingException, IOException {
    Multipart mixed = (Multipart) message.getContent();
    Multipart alternatives = (Multipart) mixed.getBodyPart(0).getContent();
    for (int i = 0; i < alternatives.getCount(); i++) {
      BodyPart part = alternatives.getBodyPart(i);
      if (part.isMimeType("text/calendar")) {
        return part;
      }
    }
    throw new AssertionError("no text/calendar part in the multipart/alternative");
  }

  private static String read(BodyPart part) throws MessagingException, IOException {
    return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String text(Header header) {
    assertThat(header).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
