package io.eris.light.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Verified answers, keyed by request, in a bounded LRU map. Only what passed verification is put
 * here. An entry is fresh (served without asking a node) for a short TTL and only while no newer
 * final height has been seen; after that it is kept, up to a maximum age, to answer — marked stale
 * — when no node gives a verified answer.
 */
public final class VerifiedCache {
  /** A verified answer: its JSON view, the node that sent it, the final height, when. */
  public record Entry(Map<String, Object> view, String node, long height, long verifiedAtMs) {
    public Entry {
      view = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(view));
    }
  }

  private final int maxEntries;
  private final long ttlMs;
  private final long maxStaleMs;
  private final LongSupplier clock;
  private final LinkedHashMap<String, Entry> entries;
  private long newestFinalHeight = -1;

  public VerifiedCache(int maxEntries, long ttlMs, long maxStaleMs, LongSupplier clock) {
    if (maxEntries < 0 || ttlMs < 0 || maxStaleMs < 0) {
      throw new IllegalArgumentException("cache size, TTL and stale age are not negative");
    }
    this.maxEntries = maxEntries;
    this.ttlMs = ttlMs;
    this.maxStaleMs = maxStaleMs;
    this.clock = clock;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > VerifiedCache.this.maxEntries;
          }
        };
  }

  /** The entry for {@code key} if it may be served as current. */
  public synchronized Optional<Entry> fresh(String key) {
    Entry e = entries.get(key);
    if (e == null
        || clock.getAsLong() - e.verifiedAtMs() >= ttlMs
        || e.height() < newestFinalHeight) {
      return Optional.empty();
    }
    return Optional.of(e);
  }

  /** The entry for {@code key}, however old, up to the maximum stale age. */
  public synchronized Optional<Entry> stale(String key) {
    Entry e = entries.get(key);
    if (e == null || clock.getAsLong() - e.verifiedAtMs() > maxStaleMs) {
      return Optional.empty();
    }
    return Optional.of(e);
  }

  public synchronized void put(String key, Entry entry) {
    newestFinalHeight = Math.max(newestFinalHeight, entry.height());
    if (maxEntries > 0) {
      entries.put(key, entry);
    }
  }

  /** A verified final height seen elsewhere: older entries stop being fresh. */
  public synchronized void sawFinalHeight(long height) {
    newestFinalHeight = Math.max(newestFinalHeight, height);
  }

  public synchronized int size() {
    return entries.size();
  }
}
