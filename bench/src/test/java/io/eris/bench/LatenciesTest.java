package io.eris.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {
  @Test
  void percentilesAreNearestRank() {
    Latencies l = new Latencies();
    for (int i = 100; i >= 1; i--) { // 1..100 ms, added out of order
      l.add(i * 1_000L);
    }
    assertEquals(50.0, l.percentileMs(0.50));
    assertEquals(95.0, l.percentileMs(0.95));
    assertEquals(99.0, l.percentileMs(0.99));
    assertEquals(100.0, l.percentileMs(1.0));
    assertEquals(1.0, l.percentileMs(0.001));
    assertEquals(100.0, l.maxMs());
    assertEquals(50.5, l.meanMs(), 1e-9);
  }

  @Test
  void onlyTheSlowestPercentSetsTheP99() {
    Latencies l = new Latencies();
    for (int i = 0; i < 990; i++) {
      l.add(2_000);
    }
    for (int i = 0; i < 10; i++) {
      l.add(900_000);
    }
    assertEquals(2.0, l.percentileMs(0.99)); // rank 990 of 1000
    assertEquals(900.0, l.percentileMs(0.991));
  }

  @Test
  void emptyIsNaNAndGrowsPastItsInitialCapacity() {
    Latencies l = new Latencies();
    assertTrue(Double.isNaN(l.percentileMs(0.99)));
    assertEquals(0, l.cdf(10).length);
    for (int i = 0; i < 5_000; i++) {
      l.addNanos(i * 1_000_000L);
    }
    assertEquals(5_000, l.count());
    assertEquals(4_999.0, l.percentileMs(1.0));
    assertThrows(IllegalArgumentException.class, () -> l.percentileMs(0));
  }

  @Test
  void cdfEndsAtOneAndIsMonotonic() {
    Latencies l = new Latencies();
    for (int i = 1; i <= 1_000; i++) {
      l.add(i);
    }
    double[][] cdf = l.cdf(100);
    assertEquals(100, cdf.length);
    assertEquals(1.0, cdf[99][1]);
    assertEquals(1.0, cdf[99][0]); // 1000 µs
    for (int i = 1; i < cdf.length; i++) {
      assertTrue(cdf[i][0] >= cdf[i - 1][0] && cdf[i][1] > cdf[i - 1][1]);
    }
  }
}
