package org.convene.infra.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one measured phase produced: the client's view (throughput, latency, errors), the outbox
 * relay's lag as seen on the topic, the scheduler's own metrics, and where the CPU went.
 *
 * @param label a short name for the summary table
 * @param name what the phase did
 * @param samples every request of the phase
 * @param missing created meetings whose record never reached the topic within the wait
 * @param lag 201 response seen → record consumed by the probe
 * @param commitToResponse outbox row written (its {@code ce_time}) → 201 response seen, ms
 *     resolution
 * @param responseToSend 201 response seen → relay hands the record to its producer (record
 *     timestamp), ms resolution
 * @param sendToConsumed record timestamp → record consumed, ms resolution
 * @param early records consumed before the bench had seen their meeting's 201 (lag counted as 0)
 * @param before scrape of the scheduler's metrics before the phase
 * @param after scrape after the phase, once its events were all on the topic
 * @param gauges the scheduler's gauges sampled during the phase
 * @param cores CPU cores used on average during the phase, by part of the system
 * @param machineBusy share of all cores busy during the phase
 */
record PhaseResult(
    String label,
    String name,
    List<Sample> samples,
    long missing,
    Percentiles lag,
    Percentiles commitToResponse,
    Percentiles responseToSend,
    Percentiles sendToConsumed,
    long early,
    PrometheusText before,
    PrometheusText after,
    Map<String, ServerSampler.Gauge> gauges,
    Map<String, Double> cores,
    double machineBusy) {

  static final String RELAY_LAG = "convene_outbox_relay_lag_seconds";
  private static final String[] MEETINGS_POST = {"method=\"POST\"", "uri=\"/api/meetings\""};

  /** Joins requests with the probe's arrivals. */
  static PhaseResult of(
      String label,
      String name,
      List<Sample> samples,
      RelayLagProbe probe,
      PrometheusText before,
      PrometheusText after,
      Map<String, ServerSampler.Gauge> gauges,
      Map<String, Double> cores,
      double machineBusy) {
    List<Long> lag = new ArrayList<>();
    List<Long> commitToResponse = new ArrayList<>();
    List<Long> responseToSend = new ArrayList<>();
    List<Long> sendToConsumed = new ArrayList<>();
    long missing = 0;
    long early = 0;
    for (Sample sample : samples) {
      if (!sample.created()) {
        continue;
      }
      RelayLagProbe.Arrival arrival = probe.arrival(sample.meetingId());
      if (arrival == null) {
        missing++;
        continue;
      }
      long nanos = arrival.arrivedNanos() - sample.doneNanos();
      if (nanos < 0) {
        early++;
      }
      lag.add(Math.max(0, nanos));
      if (arrival.committedAtMillis() > 0) {
        commitToResponse.add(millis(sample.respondedAtMillis() - arrival.committedAtMillis()));
      }
      responseToSend.add(millis(arrival.producedAtMillis() - sample.respondedAtMillis()));
      sendToConsumed.add(millis(arrival.arrivedAtMillis() - arrival.producedAtMillis()));
    }
    return new PhaseResult(
        label,
        name,
        samples,
        missing,
        percentiles(lag),
        percentiles(commitToResponse),
        percentiles(responseToSend),
        percentiles(sendToConsumed),
        early,
        before,
        after,
        gauges,
        cores,
        machineBusy);
  }

  private static long millis(long ms) {
    return ms * 1_000_000;
  }

  private static Percentiles percentiles(List<Long> nanos) {
    return Percentiles.of(nanos.stream().mapToLong(Long::longValue).toArray());
  }

  long created() {
    return samples.stream().filter(Sample::created).count();
  }

  long errors() {
    return samples.size() - created();
  }

  /** From the first intended send to the last response. */
  double seconds() {
    long first = samples.stream().mapToLong(Sample::intendedNanos).min().orElse(0);
    long last = samples.stream().mapToLong(Sample::doneNanos).max().orElse(0);
    return (last - first) / 1e9;
  }

  double meetingsPerSecond() {
    return created() / seconds();
  }

  /** Of every request sent, answered or not (a timeout counts with the time it took to give up). */
  Percentiles latency() {
    return Percentiles.of(
        samples.stream().filter(Sample::sent).mapToLong(Sample::latencyNanos).toArray());
  }

  Percentiles serviceTime() {
    return Percentiles.of(
        samples.stream().filter(Sample::sent).mapToLong(Sample::serviceNanos).toArray());
  }

  /**
   * Sends that left more than 10 ms after they were due (the pacer or the in-flight cap held them).
   */
  long lateSends() {
    return samples.stream()
        .filter(Sample::sent)
        .filter(s -> s.sentNanos() - s.intendedNanos() > 10_000_000)
        .count();
  }

  int maxInFlight() {
    List<long[]> events = new ArrayList<>();
    for (Sample sample : samples.stream().filter(Sample::sent).toList()) {
      events.add(new long[] {sample.sentNanos(), 1});
      events.add(new long[] {sample.doneNanos(), -1});
    }
    events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
    int current = 0;
    int max = 0;
    for (long[] event : events) {
      current += (int) event[1];
      max = Math.max(max, current);
    }
    return max;
  }

  Map<String, Long> errorsByKind() {
    return samples.stream()
        .filter(s -> !s.created())
        .collect(
            Collectors.groupingBy(
                s -> s.status() == 0 ? s.error() : "HTTP " + s.status(),
                TreeMap::new,
                Collectors.counting()));
  }

  /** Mean of a summary or timer over the phase, from its _sum and _count; NaN if none. */
  double meanSeconds(String name, String... labels) {
    double count = after.sum(name + "_count", labels) - before.sum(name + "_count", labels);
    double sum = after.sum(name + "_sum", labels) - before.sum(name + "_sum", labels);
    return count <= 0 ? Double.NaN : sum / count;
  }

  double countDelta(String name, String... labels) {
    return after.sum(name + "_count", labels) - before.sum(name + "_count", labels);
  }

  double sumDelta(String name, String... labels) {
    return after.sum(name + "_sum", labels) - before.sum(name + "_sum", labels);
  }

  void print(PrintStream out) {
    Percentiles latency = latency();
    Percentiles service = serviceTime();
    out.printf(Locale.ROOT, "%n== %s ==%n", name);
    out.printf(
        Locale.ROOT,
        "requests %d, created %d, errors %d %s; %.1f s; late sends (>10 ms) %d; max in flight %d%n",
        samples.size(),
        created(),
        errors(),
        errors() == 0 ? "" : errorsByKind().toString(),
        seconds(),
        lateSends(),
        maxInFlight());
    samples.stream()
        .filter(s -> s.error() != null)
        .findFirst()
        .ifPresent(s -> out.println("  first error: " + s.error()));
    out.printf(Locale.ROOT, "achieved        %.1f meetings/s%n", meetingsPerSecond());
    out.println("                         p50     p90     p99   p99.9     max    mean  (ms)");
    row(out, "latency (from due)", latency);
    row(out, "service (from sent)", service);
    row(out, "relay lag 201->topic", lag);
    row(out, "  outbox row->201", commitToResponse);
    row(out, "  201->relay send", responseToSend);
    row(out, "  relay send->topic", sendToConsumed);
    out.printf(
        Locale.ROOT,
        "relay lag: %d of %d created meetings on the topic, %d missing, %d seen on the topic before their 201%n",
        lag.count(),
        created(),
        missing,
        early);
    out.printf(
        Locale.ROOT,
        "scheduler %s (commit -> broker ack): p50 %s, p99 %s, max %s ms (Micrometer's decaying window of"
            + " the last 2 min); this phase: mean %s ms over %.0f events%n",
        RELAY_LAG,
        secondsAsMs(after.value(RELAY_LAG, "quantile=\"0.5\"")),
        secondsAsMs(after.value(RELAY_LAG, "quantile=\"0.99\"")),
        secondsAsMs(after.value(RELAY_LAG + "_max")),
        ms(meanSeconds(RELAY_LAG)),
        countDelta(RELAY_LAG));
    out.printf(
        Locale.ROOT,
        "scheduler server time of POST /api/meetings: mean %s ms over %.0f requests;"
            + " connection acquire mean %s ms, held mean %s ms; GC pauses %.0f ms in total%n",
        ms(meanSeconds("http_server_requests_seconds", MEETINGS_POST)),
        countDelta("http_server_requests_seconds", MEETINGS_POST),
        ms(meanSeconds("hikaricp_connections_acquire_seconds")),
        ms(meanSeconds("hikaricp_connections_usage_seconds")),
        sumDelta("jvm_gc_pause_seconds") * 1000);
    out.printf(
        Locale.ROOT,
        "scheduler gauges (mean/max): %s; pool size %s%n",
        gauges.entrySet().stream()
            .map(
                e ->
                    "%s %s/%s"
                        .formatted(
                            e.getKey(), decimal(e.getValue().mean()), decimal(e.getValue().max())))
            .collect(Collectors.joining(", ")),
        after.value("hikaricp_connections_max").stream()
            .mapToObj(v -> decimal(v))
            .findFirst()
            .orElse("?"));
    double perMeeting = 1000.0 / meetingsPerSecond();
    out.printf(
        Locale.ROOT,
        "CPU, cores in use (ms of CPU per meeting): %s; machine %.0f%% busy%n",
        cores.entrySet().stream()
            .map(
                e ->
                    String.format(
                        Locale.ROOT,
                        "%s %.2f (%.1f)",
                        e.getKey(),
                        e.getValue(),
                        e.getValue() * perMeeting))
            .collect(Collectors.joining(", ")),
        machineBusy * 100);
  }

  private static void row(PrintStream out, String label, Percentiles p) {
    Function<Long, String> f = nanos -> String.format(Locale.ROOT, "%7s", Percentiles.ms(nanos));
    out.printf(
        Locale.ROOT,
        "%-22s %s %s %s %s %s %s%n",
        label,
        f.apply(p.p50()),
        f.apply(p.p90()),
        f.apply(p.p99()),
        f.apply(p.p999()),
        f.apply(p.max()),
        String.format(Locale.ROOT, "%7s", Percentiles.ms(p.mean())));
  }

  static String secondsAsMs(OptionalDouble seconds) {
    return seconds.isPresent() ? ms(seconds.getAsDouble()) : "n/a";
  }

  static String ms(double seconds) {
    return Double.isNaN(seconds) ? "n/a" : Percentiles.ms(seconds * 1e9);
  }

  private static String decimal(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e6
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
