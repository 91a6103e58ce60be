package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedInfrastructureIntegrationTests {

  private EmbeddedInfrastructure infrastructure;

  @BeforeAll
  void start() {
    infrastructure =
        EmbeddedInfrastructure.start(
            EmbeddedInfrastructure.Ports.anyFree(), Path.of("target", "embedded-infrastructure"));
  }

  @AfterAll
  void stop() {
    if (infrastructure != null) {
      infrastructure.close();
    }
  }

  @Test
  void kafkaHasTheMeetingEventTopicsWithThreePartitions() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()))) {
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(List.of("convene.meeting-events", "convene.meeting-events.DLT"))
              .allTopicNames()
              .get();

      assertThat(topics.values()).extracting(t -> t.partitions().size()).containsExactly(3, 3);
    }
  }

  @Test
  void clientsRoundTripARecordThroughTheRequestedListener() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
      producer.send(new ProducerRecord<>("convene.meeting-events.DLT", key, "hello"));
    }
    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            infrastructure.kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "round-trip",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
      consumer.subscribe(List.of("convene.meeting-events.DLT"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                return records.records("convene.meeting-events.DLT").iterator().hasNext()
                    && records.iterator().next().key().equals(key);
              });
    }
  }

  @Test
  void eachServiceHasItsOwnDatabase() throws Exception {
    for (String database : List.of("convene_scheduler", "convene_notifier")) {
      try (Connection connection =
              DriverManager.getConnection(
                  infrastructure.jdbcUrl(database), "postgres", "postgres");
          ResultSet result =
              connection.createStatement().executeQuery("select current_database(), version()")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getString(1)).isEqualTo(database);
        assertThat(result.getString(2)).startsWith("PostgreSQL 18.");
      }
    }
  }

  @Test
  void postgresKeepsItsFilesInTheWorkDirectory() {
    assertThat(infrastructure.workDirectory().resolve("postgres/data/PG_VERSION"))
        .content()
        .isEqualToIgnoringWhitespace("18");
  }

  @Test
  void deliveredMailLandsInAMailboxNamedAfterTheRecipientAndInTheDropFolder() throws Exception {
    String recipient =
        "tian.wen+" + UUID.randomUUID().toString().substring(0, 8) + "@bast.example.org";
    Session session = Session.getInstance(new Properties());
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("office@bast.example.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
    message.setSubject("Invitation: united front work meeting", "UTF-8");
    message.setText("统一战线工作会议", "UTF-8");
    Transport transport = session.getTransport("smtp");
    transport.connect(EmbeddedInfrastructure.MAIL_HOST, infrastructure.smtpPort(), null, null);
    transport.sendMessage(message, message.getAllRecipients());
    transport.close();

    await().atMost(Duration.ofSeconds(10)).until(() -> emlFilesFor(recipient).size() == 1);
    Path eml = emlFilesFor(recipient).getFirst();
    assertThat(eml.getFileName().toString())
        .matches(
            "\\d{4}-"
                + java.util.regex.Pattern.quote(recipient)
                + "-Invitation-united-front-work-meeting\\.eml");
    try (InputStream in = Files.newInputStream(eml)) {
      MimeMessage copy = new MimeMessage(session, in);
      assertThat(copy.getSubject()).isEqualTo("Invitation: united front work meeting");
      assertThat(copy.getContent()).isEqualTo("统一战线工作会议");
    }

    Store store = session.getStore("imap");
    store.connect(
        EmbeddedInfrastructure.MAIL_HOST, infrastructure.imapPort(), recipient, recipient);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessages())
          .extracting(Message::getSubject)
          .containsExactly("Invitation: united front work meeting");
      inbox.close(false);
    } finally {
      store.close();
    }
  }

  private List<Path> emlFilesFor(String recipient) throws Exception {
    try (Stream<Path> files = Files.list(infrastructure.mailFolder())) {
      return files.filter(f -> f.getFileName().toString().contains("-" + recipient + "-")).toList();
    }
  }
}
