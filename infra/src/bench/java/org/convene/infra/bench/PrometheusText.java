package org.convene.infra.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.convene.infra.LocalAccounts;

/**
 * One scrape of a service's {@code /actuator/prometheus} (as the ops user), in the text exposition
 * format: enough of a parser to look up a sample by name and label.
 */
record PrometheusText(List<Series> series) {

  /** One sample line: {@code name{labels} value}. */
  record Series(String name, String labels, double value) {

    /** The value of one label ({@code kind="REMINDER"} gives {@code REMINDER}), or "?". */
    String label(String label) {
      int start = labels.indexOf(label + "=\"");
      if (start < 0) {
        return "?";
      }
      start += label.length() + 2;
      return labels.substring(start, labels.indexOf('"', start));
    }
  }

  static PrometheusText scrape(HttpClient http, URI service)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(service.resolve("/actuator/prometheus"))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "text/plain")
            .header("Authorization", LocalAccounts.OPS.authorization())
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return parse(response.body());
  }

  static PrometheusText parse(String text) {
    List<Series> series = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      int nameEnd = brace >= 0 && brace < space ? brace : line.indexOf(' ');
      String name = line.substring(0, nameEnd);
      String labels =
          brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
      try {
        series.add(new Series(name, labels, Double.parseDouble(line.substring(space + 1))));
      } catch (NumberFormatException e) {
        // An exemplar or timestamp suffix we do not need.
      }
    }
    return new PrometheusText(List.copyOf(series));
  }

  /** The first sample called {@code name} whose labels contain every one of {@code labels}. */
  OptionalDouble value(String name, String... labels) {
    return series.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> List.of(labels).stream().allMatch(s.labels()::contains))
        .mapToDouble(Series::value)
        .findFirst();
  }

  /**
   * The sum of all samples called {@code name} whose labels contain every one of {@code labels}.
   */
  double sum(String name, String... labels) {
    return series.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> List.of(labels).stream().allMatch(s.labels()::contains))
        .mapToDouble(Series::value)
        .sum();
  }
}
