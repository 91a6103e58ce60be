package org.convene.notifier.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler's outbox figures, read from its actuator ({@code /actuator/metrics/<name>}) over
 * HTTP as its ops user. The outbox is a table of the scheduler's database, which the notifier does
 * not read; the metrics are the scheduler's published view of it. Says honestly when no URL is
 * configured, or when the scheduler does not answer, rather than show zeros.
 */
@Component
class SchedulerOutbox {

  static final String BACKLOG = "convene.outbox.backlog";
  static final String OLDEST_AGE = "convene.outbox.oldest.age";

  private static final JsonMapper json = JsonMapper.builder().build();

  private final HealthProperties.Scheduler scheduler;
  private final HttpClient http;

  SchedulerOutbox(HealthProperties properties) {
    this.scheduler = properties.scheduler();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(scheduler.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The outbox's backlog and oldest age, judged against {@code properties.outboxAgeWarning}. */
  FlowHealth.Outbox read(java.time.Duration threshold) {
    if (!scheduler.configured()) {
      return new FlowHealth.Outbox(
          "NOT_CONFIGURED",
          "set convene.notifier.ops.health.scheduler.base-url to show the scheduler's outbox",
          null,
          null,
          threshold,
          false);
    }
    CompletableFuture<Double> backlog = metric(BACKLOG);
    CompletableFuture<Double> age = metric(OLDEST_AGE);
    try {
      long waiting = Math.round(backlog.join());
      long oldest = Math.round(age.join());
      return new FlowHealth.Outbox(
          "OK", null, waiting, oldest, threshold, oldest > threshold.toSeconds());
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String why =
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return new FlowHealth.Outbox(
          "UNREACHABLE", scheduler.baseUrl() + ": " + why, null, null, threshold, false);
    }
  }

  private CompletableFuture<Double> metric(String name) {
    URI uri = scheduler.baseUrl().resolve("/actuator/metrics/" + name);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(scheduler.timeout())
            .header("Accept", "application/json");
    if (scheduler.username() != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (scheduler.username() + ":" + scheduler.password())
                          .getBytes(StandardCharsets.UTF_8)));
    }
    return http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> value(name, response));
  }

  /** The metric's VALUE measurement from the actuator's JSON. */
  static double value(String name, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new CompletionException(
          new IOException("HTTP " + response.statusCode() + " for metric " + name));
    }
    try {
      JsonNode root = json.readTree(response.body());
      for (JsonNode measurement : root.path("measurements")) {
        if ("VALUE".equals(measurement.path("statistic").asString())) {
          return measurement.path("value").asDouble();
        }
      }
    } catch (JacksonException e) {
      throw new CompletionException(new IOException("not the actuator's JSON for " + name, e));
    }
    throw new CompletionException(new IOException("no VALUE measurement in metric " + name));
  }
}
