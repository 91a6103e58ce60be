package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What ops see of the running stack: the trace of an API request in the notifier's log lines for
 * the e-mails it caused, and every metric the provisioned dashboard queries exported by a service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ConveneStack.Shared.class)
class ObservabilityEndToEndIntegrationTests {

  private static final Duration WITHIN = Duration.ofSeconds(90);
  private static final Path DASHBOARD = Path.of("compose/grafana/dashboards/convene.json");
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:convene|kafka|jvm|process|hikaricp)_[a-z0-9_]+)");
  private static final JsonMapper JSON = JsonMapper.shared();

  private final HttpClient http = HttpClient.newHttpClient();
  private ConveneStack stack;

  @BeforeAll
  void stack(ConveneStack stack) {
    this.stack = stack;
  }

  @Test
  void theTraceOfAMeetingRequestIsInTheNotifiersLogLineForEachInvitationItSent() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(stack.scheduler().baseUri().resolve("/api/meetings"))
                .header("Content-Type", "application/json")
                .header("Authorization", LocalAccounts.GENERAL_OFFICE.authorization())
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .POST(HttpRequest.BodyPublishers.ofString(meeting()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    await()
        .atMost(WITHIN)
        .untilAsserted(
            () ->
                assertThat(stack.notifierLog())
                    .filteredOn(line -> line.contains(traceId))
                    .filteredOn(line -> line.contains("Sent "))
                    .extracting(ObservabilityEndToEndIntegrationTests::recipientOf)
                    .containsExactlyInAnyOrder(
                        "zhang.wei@trace.example.org", "wang.fang@trace.example.org"));
  }

  @Test
  void everyMetricTheDashboardQueriesIsExportedByAService() throws Exception {
    Set<String> queried = new TreeSet<>();
    JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher metric = METRIC.matcher(target.path("expr").asString());
        while (metric.find()) {
          queried.add(metric.group(1));
        }
      }
    }
    assertThat(queried).isNotEmpty();
    // A record no notifier can read, so that the dead-letter counter has something to count.
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infrastructure().kafkaBootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(
          new ProducerRecord<>(
              EmbeddedInfrastructure.MEETING_EVENTS_TOPIC, "not-a-meeting", "{not json"));
    }

    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              String exported =
                  scrape(stack.scheduler().baseUri(), LocalAccounts.OPS.authorization())
                      + scrape(stack.notifier().baseUri(), LocalAccounts.OPS.authorization());
              assertThat(queried)
                  .allSatisfy(
                      name ->
                          assertThat(exported)
                              .as("exported by a service: %s", name)
                              .containsPattern("(?m)^" + name + "[{ ]"));
            });
  }

  @Test
  void theNotifiersHealthPageReadsTheSchedulersOutboxAsTheOpsUser() throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(stack.notifier().baseUri().resolve("/ops/api/health"))
                .header("Authorization", LocalAccounts.OPS.authorization())
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);

    JsonNode outbox = JSON.readTree(health.body()).path("outbox");
    assertThat(outbox.path("state").asString()).as(outbox.toString()).isEqualTo("OK");
    assertThat(outbox.path("backlog").isIntegralNumber()).as(outbox.toString()).isTrue();
    assertThat(outbox.path("oldestAgeSeconds").isIntegralNumber()).as(outbox.toString()).isTrue();
  }

  private String scrape(URI service, String authorization)
      throws IOException, InterruptedException {
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(service.resolve("/actuator/prometheus"))
                .header("Authorization", authorization)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    return metrics.body();
  }

  private static String recipientOf(String line) {
    Matcher address = Pattern.compile("[a-z.]+@trace\\.example\\.org").matcher(line);
    return address.find() ? address.group() : line;
  }

  private static String meeting() {
    LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(4);
    return """
    {"title": "Traced meeting",
     "organiser": {"name": "BAST General Office", "email": "%2$s"},
     "start": "%1$sT09:00", "end": "%1$sT10:00", "timeZone": "Asia/Shanghai",
     "location": "Room 2",
     "participants": [
       {"name": "Zhang Wei", "email": "zhang.wei@trace.example.org", "role": "CHAIR"},
       {"name": "Wang Fang", "email": "wang.fang@trace.example.org", "role": "VOTING"}]}
    """
        .formatted(day, LocalAccounts.GENERAL_OFFICE.username());
  }
}
