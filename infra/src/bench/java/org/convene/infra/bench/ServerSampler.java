package org.convene.infra.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;

/**
 * Scrapes the scheduler's gauges once a second while a phase runs (connection pool, outbox backlog,
 * busy request threads, CPU), so a saturated resource shows up in the report.
 */
final class ServerSampler implements AutoCloseable {

  static final List<String> GAUGES =
      List.of(
          "hikaricp_connections_active",
          "hikaricp_connections_pending",
          "convene_outbox_backlog",
          "tomcat_threads_busy_threads",
          "process_cpu_usage");

  /**
   * Rows in the scheduler's outbox table, counted by the bench itself once a second (the
   * scheduler's {@code convene_outbox_backlog} gauge counts the same rows when it is scraped).
   */
  static final String OUTBOX_ROWS = "outbox rows waiting (bench's count)";

  /** Mean and maximum of one gauge over the phase; NaN when the service does not publish it. */
  record Gauge(double mean, double max) {}

  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private final HttpClient http;
  private final URI service;
  private final DoubleSupplier outboxRows;
  private final Map<String, List<Double>> values = new LinkedHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private int failures;

  /** {@code outboxRows} answers NaN when it cannot count. */
  ServerSampler(HttpClient http, URI service, DoubleSupplier outboxRows) {
    this.http = http;
    this.service = service;
    this.outboxRows = outboxRows;
    GAUGES.forEach(name -> values.put(name, new ArrayList<>()));
    values.put(OUTBOX_ROWS, new ArrayList<>());
    thread = Thread.ofPlatform().name("bench-sampler").daemon().start(this::run);
  }

  private void run() {
    while (running) {
      double rows = outboxRows.getAsDouble();
      if (!Double.isNaN(rows)) {
        synchronized (values) {
          values.get(OUTBOX_ROWS).add(rows);
        }
      }
      try {
        PrometheusText scrape = PrometheusText.scrape(http, service);
        synchronized (values) {
          for (String name : GAUGES) {
            OptionalDouble value = scrape.value(name);
            if (value.isPresent()) {
              values.get(name).add(value.getAsDouble());
            }
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        failures++;
      }
      try {
        Thread.sleep(INTERVAL);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops sampling and summarises each gauge. */
  Map<String, Gauge> finish() {
    close();
    Map<String, Gauge> gauges = new LinkedHashMap<>();
    synchronized (values) {
      values.forEach(
          (name, list) ->
              gauges.put(
                  name,
                  new Gauge(
                      list.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                      list.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN))));
    }
    return gauges;
  }

  int failures() {
    return failures;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
