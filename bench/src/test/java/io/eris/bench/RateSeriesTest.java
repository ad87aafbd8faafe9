package io.eris.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateSeriesTest {
  private static final long S = 1_000_000_000L;

  @Test
  void countsPerSecondAndSustainedRateOverAWindow() {
    RateSeries r = new RateSeries(1_000 * S, 10);
    r.mark(1_000 * S); // second 0
    r.add(1_000 * S + S / 2, 4); // second 0
    r.add(1_001 * S, 10); // second 1
    r.add(1_003 * S + 999_999_999L, 30); // second 3
    assertArrayEquals(new long[] {5, 10, 0, 30, 0}, r.toArray(5));
    assertEquals(4, r.length());
    assertEquals(40, r.total(1, 4));
    assertEquals(40 / 3.0, r.rate(1, 4), 1e-9);
    assertTrue(Double.isNaN(r.rate(3, 3)));
  }

  @Test
  void eventsBeforeTheStartOrPastTheCapacityAreClamped() {
    RateSeries r = new RateSeries(100 * S, 3);
    r.mark(99 * S);
    r.mark(500 * S);
    assertArrayEquals(new long[] {1, 0, 1}, r.toArray(3));
    assertEquals(0, r.at(7));
  }
}
