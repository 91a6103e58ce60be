package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.ReplyReceived;
import org.convene.notifier.testing.TestMailbox;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * The mailbox reader on a real IMAP server (GreenMail, SMTP to deliver, IMAP to read) and the real
 * broker: calendar replies sent to the organiser address come out on the replies topic once each,
 * whatever is delivered twice and whoever restarts. The shared context's notifier reads the
 * organiser mailbox of {@link TestMailbox}; no other test writes to it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplyMailboxIntegrationTests extends NotifierTestSupport {

  static final String ORGANISER = TestMailbox.ADDRESS;
  static final String PASSWORD = TestMailbox.PASSWORD;
  static final String UID = "3f2b9c1e-7a4d-4e2b-9f1a-2c6d8e0b5a71";
  static final Duration ARRIVAL = Duration.ofSeconds(30);

  @Autowired ApplicationContext context;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  @Test
  @Order(1)
  void eachReplyIsPublishedOnceThroughDuplicatesAndRestartsAndTheUnreadableIsKept()
      throws Exception {
    try (Consumer<String, String> replies = repliesConsumer("replies-it")) {
      List<ConsumerRecord<String, String>> seen = new ArrayList<>();

      // The same Outlook reply delivered twice, then Gmail's: Gmail's comes after both copies.
      deliver("outlook-declined.eml");
      deliver("outlook-declined.eml");
      deliver("gmail-accepted.eml");
      awaitIds(
          replies,
          seen,
          "<DB9PR03MB1234ABCD@DB9PR03MB1234.eurprd03.prod.outlook.com>",
          "<CAF=gmail-accept-0001@mail.gmail.com>");

      ConsumerRecord<String, String> outlook = seen.get(0);
      assertThat(outlook.key()).isEqualTo(UID);
      assertThat(header(outlook, CloudEventHeaders.TYPE)).isEqualTo(ReplyReceived.CLOUD_EVENT_TYPE);
      assertThat(header(outlook, CloudEventHeaders.SOURCE))
          .isEqualTo(ReplyReceived.SOURCE_MAILBOX_READER);
      ReplyReceived declined = json.readValue(outlook.value(), ReplyReceived.class);
      assertThat(declined.partStat()).isEqualTo("DECLINED");
      assertThat(declined.attendee()).isEqualTo("li.lei@contoso.com");

      // Handled messages leave the inbox. The reader restarts, somebody has dragged them back and
      // read them in a mail program, and a new reply arrived meanwhile, also read by a person: the
      // table remembers the old ones, and a reply already seen by a person is handled all the same.
      await().atMost(ARRIVAL).until(() -> subjects("INBOX", false).isEmpty());
      SmartLifecycle reader = (SmartLifecycle) context.getBean("mailboxReader");
      reader.stop();
      deliver("thunderbird-tentative.eml");
      moveBackAndReadAll(3);
      reader.start();
      awaitIds(
          replies,
          seen,
          "<DB9PR03MB1234ABCD@DB9PR03MB1234.eurprd03.prod.outlook.com>",
          "<CAF=gmail-accept-0001@mail.gmail.com>",
          "<a1b2c3d4-tb-0001@example.de>");

      // The IMAP server restarts (and forgets its mailbox): the reader connects again.
      TestMailbox.restart();
      deliver("subject-only-accepted.eml");
      deliverOversized();
      deliver("apple-accepted.eml");
      awaitIds(
          replies,
          seen,
          "<DB9PR03MB1234ABCD@DB9PR03MB1234.eurprd03.prod.outlook.com>",
          "<CAF=gmail-accept-0001@mail.gmail.com>",
          "<a1b2c3d4-tb-0001@example.de>",
          "<5E6F7A8B-APPLE-0001@icloud.com>");

      assertThat(
              jdbc.sql("select message_id || ' ' || reason from quarantined_reply order by id")
                  .query(String.class)
                  .list())
          .containsExactly(
              "<subject-only-0001@example.cn> no calendar reply",
              "<oversized-0001@example.org> message over 65536 bytes");
      assertThat(
              jdbc.sql("select count(*) from processed_reply where outcome = 'PUBLISHED'")
                  .query(Long.class)
                  .single())
          .isEqualTo(4);
      // The second copy of Outlook's reply, then the three messages dragged back before the reader
      // restarted.
      assertThat(meters.counter("convene.notifier.replies", "outcome", "duplicate").count())
          .isEqualTo(4);
      assertThat(meters.counter("convene.notifier.replies", "outcome", "published").count())
          .isEqualTo(4);
      assertThat(meters.counter("convene.notifier.replies", "outcome", "quarantined").count())
          .isEqualTo(2);
      // Since the IMAP server's restart: all three left the inbox, read, the two quarantined ones
      // flagged for whoever looks at the mailbox.
      await().atMost(ARRIVAL).until(() -> subjects("INBOX", false).isEmpty());
      assertThat(subjects("Handled", true))
          .containsExactlyInAnyOrder("Accepted: a very long reply", "Accepted: Board meeting");
      assertThat(subjects("Handled", false)).hasSize(3);
    }
  }

  /**
   * A server that loses the announcement of an arrival (GreenMail did once in a few thousand, under
   * a steady stream of deliveries and moves) leaves the message where the reader's open folder
   * never shows it: it is read all the same, once the reader's wait runs out. After the test above,
   * whose counts it would change.
   */
  @Test
  @Order(2)
  void aReplyTheServerNeverAnnouncedIsReadAllTheSame() throws Exception {
    try (Consumer<String, String> replies = repliesConsumer("replies-unannounced-it")) {
      List<ConsumerRecord<String, String>> seen = new ArrayList<>();
      // Once this reply is through, the reader has the folder open and waits for the next.
      deliver("gmail-accepted.eml", "<CAF=gmail-accept-0002@mail.gmail.com>");
      awaitNew(replies, seen, "<CAF=gmail-accept-0002@mail.gmail.com>");
      double reopened = meters.counter("convene.notifier.replies.reopened").count();

      TestMailbox.announceArrivals(false);
      try {
        deliver("thunderbird-tentative.eml", "<a1b2c3d4-tb-0002@example.de>");
        awaitNew(
            replies,
            seen,
            "<CAF=gmail-accept-0002@mail.gmail.com>",
            "<a1b2c3d4-tb-0002@example.de>");
      } finally {
        TestMailbox.announceArrivals(true);
      }
      assertThat(meters.counter("convene.notifier.replies.reopened").count())
          .isEqualTo(reopened + 1);
      await().atMost(ARRIVAL).until(() -> subjects("INBOX", false).isEmpty());
    }
  }

  /**
   * At 3 a.m. the ops console says that the replies mailbox cannot be reached, since when and why,
   * once that has lasted longer than its threshold (here 3 s); and that it is read again after.
   */
  @Test
  @Order(3)
  void theHealthPageSaysWhenTheRepliesMailboxCannotBeReachedAndWhenItIsReadAgain()
      throws Exception {
    await().atMost(ARRIVAL).until(() -> mailboxHealth().path("state").asString().equals("READING"));
    assertThat(mailboxHealth().path("high").asBoolean()).isFalse();
    assertThat(mailboxHealth().path("mailbox").asString())
        .isEqualTo(ORGANISER + " on " + TestMailbox.HOST + ":" + TestMailbox.imapPort());

    TestMailbox.refuseConnections(true);
    try {
      // GreenMail's thread for a connection the proxy dropped ends with an uncaught exception: not
      // this test's concern.
      await()
          .dontCatchUncaughtExceptions()
          .atMost(ARRIVAL)
          .untilAsserted(
              () -> {
                JsonNode health = health();
                assertThat(health.path("mailbox").path("state").asString())
                    .isEqualTo("UNAVAILABLE");
                assertThat(health.path("mailbox").path("high").asBoolean()).isTrue();
                assertThat(health.path("problems").toString())
                    .contains("The replies mailbox " + ORGANISER + " on ")
                    .contains("answers from calendars wait there until it is read again");
              });
      assertThat(mailboxHealth().path("detail").asString()).isNotBlank();
    } finally {
      TestMailbox.refuseConnections(false);
    }

    await()
        .dontCatchUncaughtExceptions()
        .atMost(ARRIVAL)
        .untilAsserted(
            () -> {
              JsonNode health = health();
              assertThat(health.path("mailbox").path("state").asString()).isEqualTo("READING");
              assertThat(health.path("mailbox").path("high").asBoolean()).isFalse();
              assertThat(health.path("problems").toString()).doesNotContain("replies mailbox");
            });
  }

  private JsonNode mailboxHealth() throws Exception {
    return health().path("mailbox");
  }

  private JsonNode health() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ops/api/health"))
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    (OpsSession.USER + ":" + OpsSession.PASSWORD)
                                        .getBytes(StandardCharsets.UTF_8)))
                    .header("Accept", "application/json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** A consumer of the replies topic, from its start, in a group of its own. */
  private Consumer<String, String> repliesConsumer(String group) {
    Consumer<String, String> replies =
        new KafkaConsumer<>(
            KafkaTestUtils.consumerProps(broker, group, false),
            new StringDeserializer(),
            new StringDeserializer());
    if (!broker.getTopics().contains(ReplyReceived.DEFAULT_TOPIC)) {
      broker.addTopics(ReplyReceived.DEFAULT_TOPIC);
    }
    broker.consumeFromAnEmbeddedTopic(replies, ReplyReceived.DEFAULT_TOPIC);
    return replies;
  }

  /** Waits until the records seen so far, of those earlier tests left, are exactly these ids. */
  private static void awaitNew(
      Consumer<String, String> replies, List<ConsumerRecord<String, String>> seen, String... ids) {
    await()
        .atMost(ARRIVAL)
        .untilAsserted(
            () -> {
              for (ConsumerRecord<String, String> record : replies.poll(Duration.ofMillis(200))) {
                if (List.of(ids).contains(header(record, CloudEventHeaders.ID))) {
                  seen.add(record);
                }
              }
              assertThat(seen)
                  .extracting(r -> header(r, CloudEventHeaders.ID))
                  .containsExactly(ids);
            });
  }

  /**
   * Waits until the records seen so far are exactly these ids, in this order (no more arrive
   * meanwhile).
   */
  private static void awaitIds(
      Consumer<String, String> replies, List<ConsumerRecord<String, String>> seen, String... ids) {
    await()
        .atMost(ARRIVAL)
        .untilAsserted(
            () -> {
              replies.poll(Duration.ofMillis(200)).forEach(seen::add);
              assertThat(seen)
                  .extracting(r -> header(r, CloudEventHeaders.ID))
                  .containsExactly(ids);
            });
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  /** Sends the fixture as it is, Message-ID and all, to the organiser over SMTP. */
  private static void deliver(String fixture) throws Exception {
    Session session = smtpSession();
    MimeMessage message;
    try (InputStream in =
        ReplyMailboxIntegrationTests.class.getResourceAsStream("/replies/" + fixture)) {
      message = new MimeMessage(session, in);
    }
    send(session, message);
  }

  /** Sends the fixture under another Message-ID, as a new reply. */
  private static void deliver(String fixture, String messageId) throws Exception {
    Session session = smtpSession();
    MimeMessage message;
    try (InputStream in =
        ReplyMailboxIntegrationTests.class.getResourceAsStream("/replies/" + fixture)) {
      message = new MimeMessage(session, in);
    }
    message.setHeader("Message-ID", messageId);
    send(session, message);
  }

  private static void deliverOversized() throws Exception {
    Session session = smtpSession();
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws jakarta.mail.MessagingException {
            setHeader("Message-ID", "<oversized-0001@example.org>");
          }
        };
    message.setFrom(new InternetAddress("ada@example.org"));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(ORGANISER));
    message.setSubject("Accepted: a very long reply");
    message.setText("x".repeat(100_000), "UTF-8");
    message.saveChanges();
    send(session, message);
  }

  private static void send(Session session, MimeMessage message) throws Exception {
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(message, new Address[] {new InternetAddress(ORGANISER)});
    }
  }

  private static Session smtpSession() {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", TestMailbox.HOST);
    properties.put("mail.smtp.port", Integer.toString(TestMailbox.smtpPort()));
    return Session.getInstance(properties);
  }

  /** The subjects of the messages in a folder, only the flagged ones if asked. */
  private static List<String> subjects(String folderName, boolean flaggedOnly) throws Exception {
    try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect(TestMailbox.HOST, TestMailbox.imapPort(), ORGANISER, PASSWORD);
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) {
        return List.of();
      }
      folder.open(Folder.READ_ONLY);
      List<String> subjects = new ArrayList<>();
      for (jakarta.mail.Message message : folder.getMessages()) {
        if (!flaggedOnly || message.isSet(Flags.Flag.FLAGGED)) {
          subjects.add(message.getSubject());
        }
      }
      folder.close(false);
      return subjects;
    }
  }

  /**
   * Checks that the handled messages left the inbox for the handled folder, copies them back as a
   * person might, and marks everything in the inbox read.
   */
  private static void moveBackAndReadAll(int handledBefore) throws Exception {
    Properties properties = new Properties();
    try (Store store = Session.getInstance(properties).getStore("imap")) {
      store.connect(TestMailbox.HOST, TestMailbox.imapPort(), ORGANISER, PASSWORD);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      assertThat(inbox.getMessageCount()).as("the reply delivered while stopped").isEqualTo(1);
      Folder handled = store.getFolder("Handled");
      handled.open(Folder.READ_WRITE);
      assertThat(handled.getMessageCount()).isEqualTo(handledBefore);
      assertThat(handled.getMessages())
          .allSatisfy(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isTrue());
      handled.copyMessages(handled.getMessages(), inbox);
      handled.close(false);
      inbox.setFlags(1, inbox.getMessageCount(), new Flags(Flags.Flag.SEEN), true);
      assertThat(inbox.getMessageCount()).isEqualTo(handledBefore + 1);
      inbox.close(false);
    }
  }
}
