package org.convene.scheduler.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.Callers.OFFICE;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.convene.events.CloudEventHeaders;
import org.convene.testing.EmbeddedPostgresServer;
import org.convene.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka is down when meetings are committed: the API still accepts them, their events wait in the
 * outbox, and once a broker listens on the configured address every event is published, once, in
 * order.
 *
 * <p>A context of its own, beside the shared one of {@code SchedulerIntegrationTest}: it must start
 * with no broker at its configured address, and its relay must not publish the other tests' outbox
 * (its own database). It starts as a scheduler would during an outage, trying to create its topics
 * and giving up after the configured time-outs (5 s and 2 s, not Kafka's 30 s and 10 s).
 */
@SpringBootTest(properties = {"spring.kafka.admin.fail-fast=false"})
@AutoConfigureMockMvc
class BrokerOutageIntegrationTests {

  private static final int KAFKA_PORT = FreePorts.any();
  private static EmbeddedKafkaKraftBroker broker;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    // Own database: this context's relay must not compete for the other tests' outbox.
    registry.add(
        "spring.datasource.url", () -> EmbeddedPostgresServer.jdbcUrl("scheduler_outage_it"));
    registry.add("spring.datasource.username", EmbeddedPostgresServer::username);
    registry.add("spring.datasource.password", EmbeddedPostgresServer::password);
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
  }

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.destroy();
    }
  }

  @Test
  void eventsCommittedWhileKafkaIsDownArePublishedOnceWhenItReturns() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String body =
          mvc.perform(
                  post("/api/meetings")
                      .with(OFFICE)
                      .contentType(MediaType.APPLICATION_JSON)
                      .content(json.writeValueAsString(meeting("During the outage " + i))))
              .andExpect(status().isCreated())
              .andReturn()
              .getResponse()
              .getContentAsString();
      ids.add(json.readTree(body).get("id").asString());
    }
    assertThat(queued()).isEqualTo(5);

    broker = new EmbeddedKafkaKraftBroker(1, 3);
    // The test kit binds its own listeners to random ports (kafkaPorts is ignored in KRaft
    // mode); an extra listener gives the broker the address the service was configured with.
    broker.brokerProperty(
        "listeners",
        "EXTERNAL://localhost:0,CONTROLLER://localhost:0,FIXED://127.0.0.1:" + KAFKA_PORT);
    broker.brokerProperty(
        "listener.security.protocol.map",
        "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,FIXED:PLAINTEXT");
    broker.afterPropertiesSet();
    // The relay's producer may have the broker auto-create the topic first: either way is fine.
    broker.addTopicsWithResults(CloudEventHeaders.DEFAULT_TOPIC);

    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> queued() == 0);
    List<ConsumerRecord<String, String>> records = readAll(ids.size());
    Map<String, Long> perMeeting =
        records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    assertThat(perMeeting)
        .containsOnlyKeys(ids)
        .allSatisfy((id, count) -> assertThat(count).isOne());
  }

  private List<ConsumerRecord<String, String>> readAll(int expected) {
    Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "outage-test", false);
    props.put("auto.offset.reset", "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (Consumer<String, String> consumer =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
            .createConsumer()) {
      broker.consumeFromAnEmbeddedTopic(consumer, CloudEventHeaders.DEFAULT_TOPIC);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
              });
      // Anything sent twice would already be on the topic: one more poll to see it.
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    return records;
  }

  private long queued() {
    return jdbc.sql("select count(*) from outbox").query(Long.class).single();
  }

  private static Map<String, Object> meeting(String title) {
    LocalDateTime start =
        LocalDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(3).truncatedTo(ChronoUnit.HOURS);
    return Map.of(
        "title", title,
        "organiser", Map.of("name", "Office", "email", "office@bast.example.org"),
        "start", start.toString(),
        "end", start.plusHours(1).toString(),
        "timeZone", "Europe/Berlin",
        "location", "Room 1",
        "participants",
            List.of(
                Map.of("name", "Shen Jie", "email", "shen.jie@bast.example.org", "role", "CHAIR")));
  }
}
