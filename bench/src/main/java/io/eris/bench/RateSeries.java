package io.eris.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Events counted per second since a start instant (e.g. txs reaching FINAL), for throughput over
 * time and for sustained rates over a window. Thread-safe; seconds beyond the capacity are counted
 * in the last slot.
 */
public final class RateSeries {
  private final long startNanos;
  private final AtomicLongArray perSecond;

  public RateSeries(long startNanos, int capacitySeconds) {
    this.startNanos = startNanos;
    this.perSecond = new AtomicLongArray(capacitySeconds);
  }

  public void mark(long atNanos) {
    add(atNanos, 1);
  }

  public void add(long atNanos, long count) {
    long s = Math.max(0, (atNanos - startNanos) / 1_000_000_000L);
    perSecond.addAndGet((int) Math.min(s, perSecond.length() - 1), count);
  }

  public long at(int second) {
    return second < 0 || second >= perSecond.length() ? 0 : perSecond.get(second);
  }

  /** Seconds from the start to the last second that counted anything, plus one. */
  public int length() {
    for (int i = perSecond.length() - 1; i >= 0; i--) {
      if (perSecond.get(i) != 0) {
        return i + 1;
      }
    }
    return 0;
  }

  public long total(int fromSecond, int toSecondExclusive) {
    long sum = 0;
    for (int i = Math.max(0, fromSecond);
        i < Math.min(toSecondExclusive, perSecond.length());
        i++) {
      sum += perSecond.get(i);
    }
    return sum;
  }

  /** Mean events per second over [from, to); NaN for an empty window. */
  public double rate(int fromSecond, int toSecondExclusive) {
    int width = toSecondExclusive - fromSecond;
    return width <= 0 ? Double.NaN : (double) total(fromSecond, toSecondExclusive) / width;
  }

  /** The per-second counts from 0 to {@code seconds} (exclusive). */
  public long[] toArray(int seconds) {
    long[] out = new long[Math.max(0, seconds)];
    for (int i = 0; i < out.length; i++) {
      out[i] = at(i);
    }
    return out;
  }
}
