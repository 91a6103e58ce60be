package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Readiness says whether the notifier reads events: OUT_OF_SERVICE until every listener has its
 * partitions, although it is alive; the overall health, which the local stack waits for, agrees.
 */
// Mostly waits, with notifiers, a topic and a database of its own and no mail: beside the others.
@Execution(ExecutionMode.CONCURRENT)
class ReadinessIntegrationTests extends NotifierTestSupport {

  static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Test
  void aNotifierWhoseListenersHaveTheirPartitionsIsReady() throws Exception {
    await()
        .atMost(DELIVERY)
        .untilAsserted(
            () ->
                assertThat(get(port, "/actuator/health/readiness"))
                    .isEqualTo("200 {\"status\":\"UP\"}"));
    assertThat(get(port, "/actuator/health")).startsWith("200 ").contains("\"status\":\"UP\"");
  }

  @Test
  void aNotifierThatCannotReachTheBrokerIsAliveButNotReadyAndANewOneBecomesReadyOnceAssigned()
      throws Exception {
    String topic = "readiness-" + UUID.randomUUID();
    String[] web = {
      "spring.main.web-application-type=servlet",
      "server.port=0",
      "management.health.mail.enabled=false"
    };
    try (NotifierInstance stranded =
        NotifierInstance.start(
            "127.0.0.1:" + unusedPort(), topic, "readiness", "notifier_readiness", web)) {
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(get(stranded.port(), "/actuator/health/readiness"))
                    .isEqualTo("503 {\"status\":\"OUT_OF_SERVICE\"}");
                assertThat(get(stranded.port(), "/actuator/health/liveness"))
                    .isEqualTo("200 {\"status\":\"UP\"}");
                assertThat(get(stranded.port(), "/actuator/health")).startsWith("503 ");
              });
    }
    try (NotifierInstance joined =
        NotifierInstance.start(
            broker.getBrokersAsString(), topic, "readiness", "notifier_readiness", web)) {
      await()
          .atMost(DELIVERY)
          .untilAsserted(
              () ->
                  assertThat(get(joined.port(), "/actuator/health/readiness"))
                      .isEqualTo("200 {\"status\":\"UP\"}"));
      assertThat(get(joined.port(), "/actuator/health"))
          .startsWith("200 ")
          .contains("\"status\":\"UP\"");
    }
  }

  private static String get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
