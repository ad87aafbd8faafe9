package io.eris.light;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.light.cache.VerifiedCache;
import io.eris.light.cache.VerifiedCache.Entry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedCacheTest {
  private final AtomicLong now = new AtomicLong(100);
  private final VerifiedCache cache = new VerifiedCache(2, 1_000, 10_000, now::get);

  private Entry entry(long height) {
    return new Entry(Map.of("height", height), "node1", height, now.get());
  }

  @Test
  void freshWithinTheTtlAndUntilANewerFinalHeightIsSeen() {
    cache.put("a", entry(5));
    assertThat(cache.fresh("a")).isPresent();
    cache.sawFinalHeight(5);
    assertThat(cache.fresh("a")).isPresent();
    cache.sawFinalHeight(6);
    assertThat(cache.fresh("a")).isEmpty();
    assertThat(cache.stale("a")).isPresent();

    cache.put("b", entry(6));
    now.addAndGet(1_000);
    assertThat(cache.fresh("b")).as("TTL over").isEmpty();
    now.addAndGet(9_000);
    assertThat(cache.stale("b")).isPresent();
    now.addAndGet(1);
    assertThat(cache.stale("b")).as("past the stale limit").isEmpty();
  }

  @Test
  void boundedLeastRecentlyUsedFirst() {
    cache.put("a", entry(1));
    cache.put("b", entry(1));
    cache.stale("a");
    cache.put("c", entry(1));
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.stale("b")).isEmpty();
    assertThat(cache.stale("a")).isPresent();
    assertThat(cache.stale("c")).isPresent();
  }

  @Test
  void sizeZeroCachesNothingButStillTracksHeights() {
    VerifiedCache none = new VerifiedCache(0, 1_000, 10_000, now::get);
    none.put("a", entry(3));
    assertThat(none.size()).isZero();
    assertThat(none.stale("a")).isEmpty();
  }
}
