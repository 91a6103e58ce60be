package org.convene.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.convene.events.DeliveryReported;
import org.convene.notifier.NotifierProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The notifier's topics are made in the background on a real broker: after a start without one, as
 * soon as it answers; with one, as many dead-letter partitions as the topic read.
 */
class TopicProvisioningIntegrationTests {

  static EmbeddedKafkaKraftBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.afterPropertiesSet();
  }

  @AfterAll
  static void stopBroker() {
    broker.destroy();
  }

  @Test
  void aNotifierStartedBeforeTheBrokerAnswersGetsItsTopicsOnceItDoes() throws IOException {
    try (ServerSocket closedUntilTheBrokerAnswers = new ServerSocket(0)) {
      int port = closedUntilTheBrokerAnswers.getLocalPort();
      closedUntilTheBrokerAnswers.close();
      TopicProvisioning provisioning = provisioning("127.0.0.1:" + port, "before-broker.events");
      provisioning.start();
      try {
        assertThat(provisioning.isRunning()).isTrue();

        try (BrokerForwarder forwarder = new BrokerForwarder(port, broker.getBrokersAsString())) {
          await()
              .atMost(Duration.ofSeconds(30))
              .untilAsserted(
                  () -> {
                    assertThat(describe("before-broker.events.DLT")).isNotNull();
                    assertThat(describe(DeliveryReported.DEFAULT_TOPIC).partitions())
                        .hasSize(TopicProvisioning.DELIVERY_REPORT_PARTITIONS);
                  });
        }
      } finally {
        provisioning.stop();
      }
      assertThat(provisioning.isRunning()).isFalse();
    }
  }

  @Test
  void theDeadLetterTopicGetsAsManyPartitionsAsTheTopicReadAlsoWhenItHadFewer() {
    broker.addTopics(
        new NewTopic("grown.events", 4, (short) 1), new NewTopic("grown.events.DLT", 2, (short) 1));
    TopicProvisioning provisioning = provisioning(broker.getBrokersAsString(), "grown.events");
    provisioning.start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(describe("grown.events.DLT").partitions()).hasSize(4));
    } finally {
      provisioning.stop();
    }
  }

  private static TopicProvisioning provisioning(String bootstrapServers, String topic) {
    KafkaAdmin admin =
        new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    admin.setOperationTimeout(2);
    return new TopicProvisioning(
        admin, new NotifierProperties(topic, "meetings@convene.local", "en"));
  }

  /** The topic as the broker describes it; null while there is no such topic. */
  private static TopicDescription describe(String topic) {
    return broker.doWithAdminFunction(
        admin -> {
          try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
          } catch (Exception e) {
            return null;
          }
        });
  }

  /**
   * The broker as a client first reaches it, on a port that refused connections until now: the
   * client bootstraps here and then talks to the broker's own address, which it learns from here.
   */
  static final class BrokerForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final String brokerHost;
    private final int brokerPort;

    BrokerForwarder(int port, String broker) throws IOException {
      this.server = new ServerSocket(port);
      this.brokerHost = broker.substring(0, broker.lastIndexOf(':'));
      this.brokerPort = Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1));
      Thread.ofVirtual().start(this::accept);
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket upstream = new Socket(brokerHost, brokerPort);
          Thread.ofVirtual().start(() -> copy(client, upstream));
          Thread.ofVirtual().start(() -> copy(upstream, client));
        } catch (IOException e) {
          return;
        }
      }
    }

    private static void copy(Socket from, Socket to) {
      try (from;
          to) {
        from.getInputStream().transferTo(to.getOutputStream());
      } catch (IOException e) {
        // one side closed: the other goes with it
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
