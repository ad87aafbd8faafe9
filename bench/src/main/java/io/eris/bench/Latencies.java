package io.eris.bench;

import java.util.Arrays;

/**
 * Latency samples in microseconds, kept exactly (a benchmark of minutes holds at most a few
 * million), so percentiles are exact (nearest rank) rather than estimated. Thread-safe.
 */
public final class Latencies {
  private long[] samples = new long[1024];
  private int n;
  private long[] sorted;

  public synchronized void add(long micros) {
    if (micros < 0) {
      micros = 0;
    }
    if (n == samples.length) {
      samples = Arrays.copyOf(samples, n * 2);
    }
    samples[n++] = micros;
    sorted = null;
  }

  public void addNanos(long nanos) {
    add(nanos / 1_000);
  }

  public synchronized int count() {
    return n;
  }

  private synchronized long[] sorted() {
    if (sorted == null) {
      sorted = Arrays.copyOf(samples, n);
      Arrays.sort(sorted);
    }
    return sorted;
  }

  /**
   * The q-quantile (0 < q <= 1) by the nearest-rank method: the smallest sample such that at least
   * q of all samples are at or below it. NaN when there are no samples.
   */
  public double percentileMicros(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in (0, 1]: " + q);
    }
    long[] s = sorted();
    if (s.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
  }

  /** The q-quantile in milliseconds (NaN when empty). */
  public double percentileMs(double q) {
    return percentileMicros(q) / 1_000.0;
  }

  public double maxMs() {
    long[] s = sorted();
    return s.length == 0 ? Double.NaN : s[s.length - 1] / 1_000.0;
  }

  public double meanMs() {
    long[] s = sorted();
    if (s.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (long v : s) {
      sum += v;
    }
    return sum / s.length / 1_000.0;
  }

  /**
   * The empirical distribution as points (latency ms, fraction at or below), at most {@code points}
   * of them spread over the ranks, for a chart.
   */
  public double[][] cdf(int points) {
    long[] s = sorted();
    if (s.length == 0) {
      return new double[0][];
    }
    int k = Math.min(points, s.length);
    double[][] out = new double[k][];
    for (int i = 0; i < k; i++) {
      int rank = (int) Math.round((double) (i + 1) * s.length / k);
      out[i] = new double[] {s[rank - 1] / 1_000.0, (double) rank / s.length};
    }
    return out;
  }
}
