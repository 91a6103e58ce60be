package org.convene.notifier;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.notifier.reminder.InterceptedReminders;
import org.convene.notifier.testing.TestMailbox;
import org.convene.notifier.testing.TestSmtp;
import org.convene.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notifier on a real Kafka broker (KRaft), PostgreSQL and SMTP server (GreenMail), fed as the
 * scheduler feeds it. Every test class that extends this shares one application context, so one
 * broker and one notifier; each test uses meetings and mail domains of its own. Public, so that the
 * integration tests of a feature package can share the context too: a subclass that declares
 * properties, imports or a {@code @DynamicPropertySource} of its own gets a context of its own.
 *
 * <p>The reminder sink sits behind {@link InterceptedReminders}: reminders of meetings a test hands
 * to it are recorded there instead of sent, every other reminder goes on to the notifier's sink.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(
    topics = NotifierTestSupport.TOPIC,
    partitions = 1,
    bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(InterceptedReminders.class)
public abstract class NotifierTestSupport {

  protected static final String TOPIC = CloudEventHeaders.DEFAULT_TOPIC;
  static final String DEAD_LETTERS = TOPIC + NotifierProperties.DEAD_LETTER_SUFFIX;
  protected static final String DATABASE = "notifier_it";
  protected static final Duration DELIVERY = Duration.ofSeconds(30);

  protected static final JsonMapper json = JsonMapper.builder().build();
  static volatile Producer<String, byte[]> scheduler;
  private static String schedulerBroker;

  @Autowired protected EmbeddedKafkaBroker broker;
  @Autowired protected JdbcClient jdbc;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> EmbeddedPostgresServer.jdbcUrl(DATABASE));
    registry.add("spring.datasource.username", EmbeddedPostgresServer::username);
    registry.add("spring.datasource.password", EmbeddedPostgresServer::password);
    registry.add("spring.mail.host", () -> TestSmtp.HOST);
    registry.add("spring.mail.port", TestSmtp::port);
    // The mailbox reader reads the organiser mailbox, with short waits: here, rather than on the
    // class that tests it, so that it runs in this one context too.
    registry.add("convene.notifier.replies.enabled", () -> "true");
    registry.add("convene.notifier.replies.host", () -> TestMailbox.HOST);
    registry.add("convene.notifier.replies.port", TestMailbox::imapPort);
    registry.add("convene.notifier.replies.username", () -> TestMailbox.ADDRESS);
    registry.add("convene.notifier.replies.password", () -> TestMailbox.PASSWORD);
    registry.add("convene.notifier.replies.poll-interval", () -> "200ms");
    registry.add("convene.notifier.replies.idle-refresh", () -> "1s");
    registry.add("convene.notifier.replies.reconnect-delay", () -> "200ms");
    registry.add("convene.notifier.replies.timeout", () -> "5s");
    registry.add("convene.notifier.replies.max-message-bytes", () -> "65536");
    // The health page calls the mailbox a problem after this long unavailable or not looked into:
    // above the idle refresh, as in production (2 min against 25 s); at 1 s, equal to it, a reader
    // waiting out its refresh was now and then reported as stalled.
    registry.add("convene.notifier.ops.health.mailbox-warning", () -> "3s");
  }

  /**
   * One producer for every class, as they share the broker: classes that run beside others must not
   * close it under them. Its thread is a daemon and goes with the JVM.
   */
  @BeforeAll
  static synchronized void schedulerProducer(@Autowired EmbeddedKafkaBroker broker) {
    if (scheduler == null || !broker.getBrokersAsString().equals(schedulerBroker)) {
      schedulerBroker = broker.getBrokersAsString();
      scheduler =
          new KafkaProducer<>(
              KafkaTestUtils.producerProps(broker),
              new StringSerializer(),
              new ByteArraySerializer());
    }
  }

  /**
   * As the scheduler publishes: key the meeting id, value the contract's JSON, CloudEvents headers.
   */
  protected static void publish(MeetingEvent... events) {
    publish(TOPIC, events);
  }

  protected static void publish(String topic, MeetingEvent... events) {
    for (MeetingEvent event : events) {
      send(
          topic,
          event.meetingId().toString(),
          json.writeValueAsBytes(event),
          cloudEventHeaders(event.eventId().toString(), event.cloudEventType()));
    }
  }

  static void send(String topic, String key, byte[] value, List<Header> headers) {
    try {
      scheduler
          .send(new ProducerRecord<>(topic, null, key, value, headers))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot publish to " + topic, e);
    }
  }

  static List<Header> cloudEventHeaders(String id, String type) {
    return List.of(
        header(CloudEventHeaders.ID, id),
        header(CloudEventHeaders.TYPE, type),
        header(CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_SCHEDULER),
        header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0));
  }

  static List<Header> cloudEventHeaders() {
    return cloudEventHeaders(UUID.randomUUID().toString(), "org.convene.meeting.scheduled.v1");
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The meeting's ledger rows as "recipient-local-part revision kind status", sorted. */
  List<String> ledger(MeetingId meetingId) {
    return ledger(jdbc, meetingId);
  }

  /**
   * Waits until the meeting's ledger rows ({@link #ledger}) pass {@code assertion}: a row is marked
   * sent once the server has taken its message, a moment after the message can be read there.
   */
  void awaitLedger(MeetingId meetingId, Consumer<List<String>> assertion) {
    awaitLedger(jdbc, meetingId, assertion);
  }

  static void awaitLedger(JdbcClient jdbc, MeetingId meetingId, Consumer<List<String>> assertion) {
    await().atMost(DELIVERY).untilAsserted(() -> assertion.accept(ledger(jdbc, meetingId)));
  }

  static List<String> ledger(JdbcClient jdbc, MeetingId meetingId) {
    return jdbc.sql(
            """
            select split_part(recipient, '@', 1) || ' ' || revision || ' ' || kind || ' ' || status
            from delivery where meeting_id = :id order by recipient, revision
            """)
        .param("id", meetingId.value())
        .query(String.class)
        .list();
  }
}
