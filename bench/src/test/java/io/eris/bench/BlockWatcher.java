package io.eris.bench;

import io.eris.core.codec.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Follows one node's canonical chain by polling its head every 100 ms and fetching every new block
 * (kind, leader epoch, timestamp). A reorg is followed: the blocks below a changed head are fetched
 * again. Timestamps are the producers' clocks, which on one machine are the test's clock too.
 */
final class BlockWatcher {
  record Seen(long height, String hash, String kind, long epoch, long timestamp) {}

  private final String url;
  private final TreeMap<Long, Seen> chain = new TreeMap<>();
  private volatile boolean running = true;
  private final Thread thread;

  BlockWatcher(String url) {
    this.url = url;
    this.thread = new Thread(this::run, "cluster-it-watcher");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void stop() {
    running = false;
  }

  synchronized Seen latest() {
    return chain.isEmpty() ? new Seen(-1, "", "?", -1, 0) : chain.lastEntry().getValue();
  }

  synchronized long maxEpoch() {
    long m = 0;
    for (Seen s : chain.values()) {
      m = Math.max(m, s.epoch());
    }
    return m;
  }

  /** The lowest block made at or after {@code millis} that matches, or null. */
  synchronized Seen firstAfter(long millis, Predicate<Seen> match) {
    for (Seen s : chain.values()) {
      if (s.timestamp() >= millis && match.test(s)) {
        return s;
      }
    }
    return null;
  }

  private void run() {
    HttpConn c = new HttpConn(url, 5_000);
    while (running) {
      try {
        Map<String, Object> head = get(c, "/api/v1/head");
        if (head != null) {
          long h = ((Number) head.get("height")).longValue();
          String hash = (String) head.get("hash");
          Seen known;
          long last;
          synchronized (this) {
            known = chain.get(h);
            last = chain.isEmpty() ? -1 : chain.lastKey();
          }
          if (known == null || !known.hash().equals(hash)) {
            long from =
                known == null && last < h ? Math.max(last + 1, h - 200) : Math.max(0, h - 30);
            List<Seen> got = new ArrayList<>();
            for (long k = from; k <= h; k++) {
              Map<String, Object> b = get(c, "/api/v1/blocks/" + k);
              if (b == null) {
                break;
              }
              got.add(
                  new Seen(
                      k,
                      (String) b.get("hash"),
                      (String) b.get("kind"),
                      ((Number) b.get("leaderEpoch")).longValue(),
                      ((Number) b.get("timestamp")).longValue()));
            }
            synchronized (this) {
              chain.tailMap(h, false).clear();
              for (Seen s : got) {
                chain.put(s.height(), s);
              }
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        c.close();
        c = new HttpConn(url, 5_000);
      }
      EventStream.sleep(100);
    }
    c.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> get(HttpConn c, String path) throws IOException {
    HttpConn.Response r = c.get(path);
    return r.status() == 200 ? (Map<String, Object>) Json.parse(r.text(), 16 << 20) : null;
  }
}
