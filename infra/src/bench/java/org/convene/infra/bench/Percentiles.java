package org.convene.infra.bench;

import java.util.Arrays;
import java.util.Locale;

/** Exact percentiles of a set of durations in nanoseconds (the phases are small enough to sort). */
record Percentiles(int count, long p50, long p90, long p99, long p999, long max, double mean) {

  static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0, 0, 0);

  static Percentiles of(long[] nanos) {
    if (nanos.length == 0) {
      return NONE;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        sorted.length,
        at(sorted, 0.50),
        at(sorted, 0.90),
        at(sorted, 0.99),
        at(sorted, 0.999),
        sorted[sorted.length - 1],
        Arrays.stream(sorted).average().orElse(0));
  }

  // Nearest rank: the smallest value with at least q of the values at or below it.
  private static long at(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Milliseconds with a precision that suits their size. */
  static String ms(long nanos) {
    double ms = nanos / 1e6;
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f", ms)
        : String.format(Locale.ROOT, "%.1f", ms);
  }

  static String ms(double nanos) {
    return ms(Math.round(nanos));
  }
}
