package io.eris.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * One server-sent event stream ({@code GET /api/v1/events}, no address filter) feeding the tracker:
 * {@code tx} events settle txs by hash, {@code head} events record blocks. Reconnects (to the next
 * node in the list) when the stream ends, e.g. when its node is killed.
 */
final class EventStream implements Runnable {
  private final List<String> urls;
  private final Tracker tracker;
  private volatile boolean running = true;
  private volatile HttpConn conn;
  private volatile boolean connected;
  private final Thread thread;

  EventStream(List<String> urls, Tracker tracker) {
    this.urls = urls;
    this.tracker = tracker;
    this.thread = new Thread(this, "bench-events");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  boolean connected() {
    return connected;
  }

  void stop() {
    running = false;
    HttpConn c = conn;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void run() {
    int i = 0;
    while (running) {
      String url = urls.get(i % urls.size());
      HttpConn c = new HttpConn(url, 5_000);
      conn = c;
      try (InputStream raw = c.openStream("/api/v1/events", "text/event-stream")) {
        connected = true;
        read(new BufferedInputStream(raw, 64 * 1024), url);
      } catch (IOException | RuntimeException e) {
        // node down or stream cut: try the next node
      } finally {
        connected = false;
        c.close();
      }
      if (running) {
        tracker.nStreamReconnects.incrementAndGet();
        i++;
        sleep(200);
      }
    }
  }

  private void read(InputStream in, String url) throws IOException {
    String event = "message";
    StringBuilder data = new StringBuilder();
    String line;
    while (running && (line = HttpConn.readLine(in)) != null) {
      if (line.isEmpty()) {
        if (data.length() > 0) {
          dispatch(event, data.toString(), url);
        }
        event = "message";
        data.setLength(0);
      } else if (line.startsWith("event:")) {
        event = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        if (data.length() > 0) {
          data.append('\n');
        }
        data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
      }
    }
  }

  private void dispatch(String event, String data, String url) {
    long now = System.nanoTime();
    if (event.equals("tx")) {
      String hash = field(data, "hash");
      String status = field(data, "status");
      if (hash != null && status != null) {
        Long height = number(data, "height");
        tracker.onTx(hash, status, field(data, "blockKind"), height == null ? 0 : height, now);
      }
    } else if (event.equals("head")) {
      Long h = number(data, "height");
      Long f = number(data, "finalHeight");
      if (h != null) {
        tracker.onHead(h, f == null ? -1 : f, field(data, "mode"), url, now);
      }
    }
  }

  /** The string value of a top-level member of a small flat JSON object, or null. */
  static String field(String json, String name) {
    String key = "\"" + name + "\"";
    int k = json.indexOf(key);
    if (k < 0) {
      return null;
    }
    int colon = json.indexOf(':', k + key.length());
    int q1 = json.indexOf('"', colon + 1);
    if (colon < 0 || q1 < 0) {
      return null;
    }
    for (int j = colon + 1; j < q1; j++) {
      if (!Character.isWhitespace(json.charAt(j))) {
        return null; // not a string value (null, number)
      }
    }
    int q2 = json.indexOf('"', q1 + 1);
    return q2 < 0 ? null : json.substring(q1 + 1, q2);
  }

  /** The integer value of a top-level member of a small flat JSON object, or null. */
  static Long number(String json, String name) {
    String key = "\"" + name + "\"";
    int k = json.indexOf(key);
    if (k < 0) {
      return null;
    }
    int j = json.indexOf(':', k + key.length()) + 1;
    while (j < json.length() && Character.isWhitespace(json.charAt(j))) {
      j++;
    }
    int start = j;
    while (j < json.length() && (Character.isDigit(json.charAt(j)) || json.charAt(j) == '-')) {
      j++;
    }
    if (j == start) {
      return null;
    }
    try {
      return Long.parseLong(json.substring(start, j));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
