package org.convene.notifier.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox figures over real HTTP, from a small server that answers as the actuator does. */
class SchedulerOutboxTests {

  static final Duration THRESHOLD = Duration.ofMinutes(1);

  HttpServer server;
  final Map<String, String> metrics = new ConcurrentHashMap<>();
  final Map<String, String> authorizations = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/actuator/metrics/",
        exchange -> {
          String name = exchange.getRequestURI().getPath().substring("/actuator/metrics/".length());
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          authorizations.put(name, auth == null ? "" : auth);
          String body = metrics.get(name);
          byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
          if (body != null) {
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void withoutABaseUrlTheOutboxIsNotConfiguredRatherThanZero() {
    FlowHealth.Outbox outbox =
        new SchedulerOutbox(HealthPropertiesTests.properties(HealthPropertiesTests.unconfigured()))
            .read(THRESHOLD);

    assertThat(outbox.state()).isEqualTo("NOT_CONFIGURED");
    assertThat(outbox.backlog()).isNull();
    assertThat(outbox.high()).isFalse();
  }

  @Test
  void readsBacklogAndOldestAgeAsTheSchedulersOpsUserAndJudgesTheAge() {
    metrics.put(SchedulerOutbox.BACKLOG, actuatorJson(42));
    metrics.put(SchedulerOutbox.OLDEST_AGE, actuatorJson(75.4));

    FlowHealth.Outbox outbox = outbox("ops", "secret").read(THRESHOLD);

    assertThat(outbox.state()).as(outbox.detail()).isEqualTo("OK");
    assertThat(outbox.backlog()).isEqualTo(42);
    assertThat(outbox.oldestAgeSeconds()).isEqualTo(75);
    assertThat(outbox.high()).as("75 s > 60 s").isTrue();
    assertThat(authorizations.get(SchedulerOutbox.BACKLOG))
        .isEqualTo("Basic b3BzOnNlY3JldA=="); // ops:secret
  }

  @Test
  void aMissingMetricOrAStoppedSchedulerIsUnreachableWithTheReason() throws IOException {
    metrics.put(SchedulerOutbox.BACKLOG, actuatorJson(1));

    FlowHealth.Outbox missing = outbox(null, null).read(THRESHOLD);
    assertThat(missing.state()).as(missing.detail()).isEqualTo("UNREACHABLE");
    assertThat(missing.detail()).contains("HTTP 404 for metric " + SchedulerOutbox.OLDEST_AGE);

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    FlowHealth.Outbox stopped =
        new SchedulerOutbox(
                HealthPropertiesTests.properties(
                    new HealthProperties.Scheduler(
                        URI.create("http://127.0.0.1:" + closedPort),
                        null,
                        null,
                        Duration.ofSeconds(2))))
            .read(THRESHOLD);
    assertThat(stopped.state()).isEqualTo("UNREACHABLE");
    assertThat(stopped.detail()).startsWith("http://127.0.0.1:" + closedPort);
  }

  private SchedulerOutbox outbox(String username, String password) {
    return new SchedulerOutbox(
        HealthPropertiesTests.properties(
            new HealthProperties.Scheduler(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                username,
                password,
                Duration.ofSeconds(10))));
  }

  private static String actuatorJson(double value) {
    return """
        {"name":"x","description":"d","baseUnit":null,
         "measurements":[{"statistic":"VALUE","value":%s}],"availableTags":[]}
        """
        .formatted(value);
  }
}
