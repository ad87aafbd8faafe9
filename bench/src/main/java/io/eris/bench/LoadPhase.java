package io.eris.bench;

import io.eris.core.crypto.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured load phase against running nodes: load for a duration (with faults injected at given
 * moments through a hook command), then a drain in which every accepted tx must settle (FINAL,
 * CONFLICTED or EXPIRED); what the event stream did not report is asked for by polling. Produces
 * the phase's summary as a JSON-ready map.
 */
final class LoadPhase {
  record Fault(double atSecond, String action) {}

  static final class Settings {
    String label = "single";
    List<String> urls = List.of();
    List<String> submitUrls = List.of();
    int clients = 16;
    double rate = 0;
    double durationS = 60;

    /** Load before the measured duration (JIT, caches): not in the rates or latencies. */
    double warmupS = 20;

    double drainS = 30;
    int invalidEvery = 50;
    int tMs = 250;
    List<Fault> faults = new ArrayList<>();
    String hook;
    List<String> procSpecs = List.of();
  }

  private final Settings s;
  private final Accounts accounts;
  private final Hash chainId;
  private final Tracker tracker;
  private final Map<String, Object> faultResults =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());

  LoadPhase(Settings s, Accounts accounts, Hash chainId) {
    this.s = s;
    this.accounts = accounts;
    this.chainId = chainId;
    this.tracker = new Tracker(accounts);
  }

  Map<String, Object> run() throws Exception {
    ProcWatch procs = new ProcWatch(s.procSpecs);
    EventStream events = new EventStream(s.urls, tracker);
    events.start();
    for (int i = 0; i < 100 && !events.connected(); i++) {
      EventStream.sleep(50);
    }
    if (!events.connected()) {
      notes.add("the event stream did not connect; statuses come from polling only");
    }
    LoadGenerator gen =
        new LoadGenerator(
            new LoadGenerator.Config(
                s.submitUrls.isEmpty() ? s.urls : s.submitUrls,
                s.clients,
                s.rate,
                s.invalidEvery,
                chainId,
                s.label.substring(0, 1)),
            accounts,
            tracker);
    double warmup = Math.max(0, s.warmupS);
    System.out.printf(
        Locale.ROOT,
        "[%s] load: %s, %d accounts, %.0f s warm-up + %.0f s measured, invalid every %d%n",
        s.label,
        s.rate > 0
            ? String.format(Locale.ROOT, "open loop at %.0f tx/s on %d threads", s.rate, s.clients)
            : "closed loop with " + s.clients + " clients",
        accounts.size(),
        warmup,
        s.durationS,
        s.invalidEvery);
    tracker.mark("start");
    gen.start();
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmup * 1e9);
    long end = measureFrom + (long) (s.durationS * 1e9);
    tracker.measureFromNanos = measureFrom;
    boolean measuring = false;
    List<Fault> pending = new ArrayList<>(s.faults);
    pending.sort((a, b) -> Double.compare(a.atSecond(), b.atSecond()));
    long nextProgress = start + 5_000_000_000L; // fault times count from the end of the warm-up
    Progress progress = new Progress();
    List<Thread> catchups = new ArrayList<>();
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      if (!measuring && now >= measureFrom) {
        measuring = true;
        procs.start(); // CPU and memory over the measured part
        if (warmup > 0) {
          tracker.mark("measuring");
        }
      }
      if (!pending.isEmpty() && now >= measureFrom + (long) (pending.get(0).atSecond() * 1e9)) {
        Fault f = pending.remove(0);
        Thread t = fault(f);
        if (t != null) {
          catchups.add(t);
        }
        continue;
      }
      if (now >= nextProgress) {
        progress.print(now);
        nextProgress += 5_000_000_000L;
      }
      EventStream.sleep(50);
    }
    gen.stop();
    long loadEnd = System.nanoTime();
    if (!measuring) {
      procs.start();
    }
    procs.stop();
    tracker.mark("load end");
    System.out.printf(
        Locale.ROOT, "[%s] load stopped; draining (up to %.0f s)%n", s.label, s.drainS);
    long drainEnd = loadEnd + (long) (s.drainS * 1e9);
    long lastUnsettled = -1;
    while (System.nanoTime() < drainEnd) {
      long u = tracker.unsettled() + unknownOutcome();
      if (u == 0) {
        break;
      }
      if (System.nanoTime() >= nextProgress) {
        progress.print(System.nanoTime());
        nextProgress += 5_000_000_000L;
      }
      lastUnsettled = u;
      EventStream.sleep(250);
    }
    for (Thread t : catchups) {
      t.join(Math.max(1, (long) (s.drainS * 1000)));
      if (t.isAlive()) {
        notes.add(t.getName() + " still running at the end of the drain");
      }
    }
    long polled = poll();
    events.stop();
    if (lastUnsettled > 0) {
      notes.add("drain: " + lastUnsettled + " txs unsettled when polling started");
    }
    return summary(start, loadEnd, warmup, polled, procs);
  }

  /** Txs sent whose outcome nobody told us (I/O error, node died): the node may still have them. */
  private long unknownOutcome() {
    long n = 0;
    for (TxRecord r : tracker.txs.values()) {
      synchronized (r) {
        if (!r.answered && !r.known && !r.invalid) {
          n++;
        }
      }
    }
    return n;
  }

  /** Asks the nodes for every tx not settled yet (and every unanswered one). */
  private long poll() throws InterruptedException {
    List<Map.Entry<String, TxRecord>> todo = new ArrayList<>();
    for (Map.Entry<String, TxRecord> e : tracker.txs.entrySet()) {
      TxRecord r = e.getValue();
      synchronized (r) {
        if (!r.invalid && !r.rejected && r.terminal == null) {
          todo.add(e);
        }
      }
    }
    if (todo.isEmpty()) {
      return 0;
    }
    System.out.printf(
        Locale.ROOT, "[%s] polling %d txs not settled by events%n", s.label, todo.size());
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    int per = (todo.size() + 3) / 4;
    for (int w = 0; w < 4; w++) {
      List<Map.Entry<String, TxRecord>> slice =
          todo.subList(Math.min(todo.size(), w * per), Math.min(todo.size(), (w + 1) * per));
      pool.submit(
          () -> {
            List<HttpConn> conns = new ArrayList<>();
            for (String u : s.urls) {
              conns.add(new HttpConn(u, 5_000));
            }
            for (Map.Entry<String, TxRecord> e : slice) {
              for (HttpConn c : conns) {
                try {
                  HttpConn.Response r = c.get("/api/v1/txs/" + e.getKey());
                  if (r.status() == 200) {
                    String status = EventStream.field(r.text(), "status");
                    if (status != null) {
                      Long h = EventStream.number(r.text(), "height");
                      tracker.status(
                          e.getValue(),
                          status,
                          EventStream.field(r.text(), "blockKind"),
                          h == null ? 0 : h,
                          System.nanoTime(),
                          true);
                    }
                    break;
                  }
                } catch (IOException | RuntimeException ex) {
                  // that node is down: ask the next
                }
              }
              done.incrementAndGet();
            }
            conns.forEach(HttpConn::close);
          });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    return todo.size();
  }

  /**
   * Runs one fault action through the hook, in the background (a restart takes a while and the load
   * and the progress lines go on meanwhile). A line {@code url=...} in the hook's output names a
   * restarted node: a watcher then measures its catch-up.
   */
  private Thread fault(Fault f) {
    tracker.mark(f.action());
    System.out.printf(
        Locale.ROOT,
        "[%s] t=%.1fs fault: %s%n",
        s.label,
        tracker.seconds(System.nanoTime()),
        f.action());
    if (s.hook == null) {
      notes.add("fault " + f.action() + " skipped: no hook");
      return null;
    }
    List<Thread> watchers = new ArrayList<>();
    Thread t =
        new Thread(
            () -> {
              try {
                Process p =
                    new ProcessBuilder("bash", "-c", s.hook + " " + f.action())
                        .redirectErrorStream(true)
                        .start();
                String last = "";
                try (var r =
                    new java.io.BufferedReader(
                        new java.io.InputStreamReader(
                            p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    last = line;
                    if (line.startsWith("url=") && f.action().startsWith("restart")) {
                      String u = line.substring(4).trim();
                      Thread w = new Thread(() -> watchCatchUp(f.action(), u), "bench-catchup");
                      w.setDaemon(true);
                      w.start();
                      watchers.add(w);
                    } else if (line.startsWith("fault:")) {
                      System.out.printf(Locale.ROOT, "[%s]   %s%n", s.label, line);
                    }
                  }
                }
                int rc = p.waitFor();
                if (rc != 0) {
                  notes.add("fault " + f.action() + ": hook failed (exit " + rc + "): " + last);
                  System.out.printf(
                      Locale.ROOT,
                      "[%s]   %s failed (exit %d): %s%n",
                      s.label,
                      f.action(),
                      rc,
                      last);
                }
                for (Thread w : watchers) {
                  w.join();
                }
              } catch (IOException e) {
                notes.add("fault " + f.action() + ": " + e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bench-fault-" + f.action());
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * After a node restarts: polls its head until it reaches the height the others had when it came
   * back; catch-up speed = blocks (and our txs in them) per second of that interval, timed from the
   * node's first answer (its start-up is reported apart).
   */
  private void watchCatchUp(String action, String url) {
    Map<String, Object> r = new LinkedHashMap<>();
    faultResults.put(action, r);
    long restartedAt = System.nanoTime();
    HttpConn c = new HttpConn(url, 2_000);
    long firstAnswer = 0;
    long fromHeight = -1;
    long target = -1;
    long deadline = restartedAt + (long) ((s.durationS + s.drainS) * 1e9);
    while (System.nanoTime() < deadline) {
      try {
        HttpConn.Response resp = c.get("/api/v1/head");
        if (resp.status() == 200) {
          Long h = EventStream.number(resp.text(), "height");
          if (h != null) {
            long now = System.nanoTime();
            if (firstAnswer == 0) {
              firstAnswer = now;
              fromHeight = h;
              target = networkHeight();
              r.put("startup_s", ProcWatch.round((now - restartedAt) / 1e9, 1));
              r.put("from_height", fromHeight);
              r.put("target_height", target);
            }
            if (h >= target && target >= 0) {
              double secs = Math.max(1e-3, (now - firstAnswer) / 1e9);
              long blocks = h - fromHeight;
              long txs = txsBetween(fromHeight, h);
              r.put("caught_up_s", ProcWatch.round(secs, 2));
              r.put("blocks", blocks);
              r.put("txs", txs);
              r.put("blocks_per_s", ProcWatch.round(blocks / secs, 1));
              r.put("txs_per_s", ProcWatch.round(txs / secs, 0));
              c.close();
              return;
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // not up yet
      }
      EventStream.sleep(100);
    }
    r.put("error", "did not catch up before the end of the phase");
    c.close();
  }

  private long networkHeight() {
    long h = -1;
    for (Tracker.HeadEvent e : tracker.heads()) {
      h = Math.max(h, e.height());
    }
    return h;
  }

  private long txsBetween(long fromExclusive, long toInclusive) {
    long n = 0;
    for (TxRecord r : tracker.txs.values()) {
      synchronized (r) {
        if (r.height > fromExclusive && r.height <= toInclusive) {
          n++;
        }
      }
    }
    return n;
  }

  private final class Progress {
    long lastNanos = tracker.t0;
    long lastSub;
    long lastFinal;

    void print(long now) {
      long sub = tracker.nSubmittedValid.get() + tracker.nSubmittedInvalid.get();
      long fin = tracker.nFinal.get();
      double dt = (now - lastNanos) / 1e9;
      List<Tracker.HeadEvent> heads = tracker.heads();
      Tracker.HeadEvent h = heads.isEmpty() ? null : heads.get(heads.size() - 1);
      System.out.printf(
          Locale.ROOT,
          "[%s] t=%4.0fs  sent %7d (%5.0f/s)  accepted %7d  rejected %d invalid + %d valid"
              + "  FINAL %7d (%5.0f/s)  unsettled %6d  head %s%n",
          s.label,
          tracker.seconds(now),
          sub,
          (sub - lastSub) / dt,
          tracker.nAccepted.get(),
          tracker.nRejectedInvalid.get(),
          tracker.nRejectedValid.get(),
          fin,
          (fin - lastFinal) / dt,
          tracker.nAccepted.get() - fin - tracker.nConflicted.get() - tracker.nExpired.get(),
          h == null ? "?" : h.height() + " final " + h.finalHeight() + " " + h.mode());
      lastNanos = now;
      lastSub = sub;
      lastFinal = fin;
    }
  }

  private Map<String, Object> summary(
      long start, long loadEnd, double warmup, long polled, ProcWatch procs) {
    int from = (int) Math.ceil(tracker.seconds(start) + warmup);
    int to = (int) Math.floor(tracker.seconds(loadEnd));
    // Before the first fault: the "normal" rate; faults get their own windows below.
    List<Tracker.Mark> marks = tracker.marks();
    double firstFault = Double.NaN;
    for (Tracker.Mark m : marks) {
      if (!m.label().equals("start")
          && !m.label().equals("load end")
          && !m.label().equals("measuring")) {
        firstFault = m.second();
        break;
      }
    }
    int normalTo = Double.isNaN(firstFault) ? to : (int) Math.floor(firstFault);
    long lost = 0;
    long finalByPoll = 0;
    long unknown = 0;
    for (TxRecord r : tracker.txs.values()) {
      synchronized (r) {
        if (r.invalid || r.rejected) {
          continue;
        }
        if (r.known && r.terminal == null) {
          lost++;
        } else if (!r.known) {
          unknown++;
        }
        if (r.settledByPoll && "FINAL".equals(r.terminal)) {
          finalByPoll++;
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", s.label);
    m.put("clients", s.clients);
    m.put("offered_rate", s.rate > 0 ? s.rate : null);
    m.put(
        "open_loop_max_lag_ms",
        s.rate > 0 ? ProcWatch.round(tracker.maxLagNanos.get() / 1e6, 0) : null);
    m.put("accounts", accounts.size());
    m.put("t_ms", s.tMs);
    m.put("duration_s", s.durationS);
    m.put("warmup_s", warmup);
    m.put("window_s", List.of(from, normalTo));
    m.put("final_tps", ProcWatch.round(tracker.finals.rate(from, normalTo), 0));
    m.put("accepted_tps", ProcWatch.round(tracker.accepted.rate(from, normalTo), 0));
    m.put("submitted_tps", ProcWatch.round(tracker.submitted.rate(from, normalTo), 0));
    m.put("final_tps_whole_load", ProcWatch.round(tracker.finals.rate(from, to), 0));
    m.put("submitted_valid", tracker.nSubmittedValid.get());
    m.put("submitted_invalid", tracker.nSubmittedInvalid.get());
    m.put("accepted", tracker.nAccepted.get());
    m.put("rejected_invalid", tracker.nRejectedInvalid.get());
    m.put("rejected_valid", tracker.nRejectedValid.get());
    m.put("rejected_valid_codes", Tracker.counts(tracker.validRejectCodes));
    m.put("rejected_invalid_codes", Tracker.counts(tracker.invalidRejectCodes));
    m.put("invalid_accepted", tracker.nInvalidAccepted.get());
    m.put("io_errors", tracker.nIoErrors.get());
    m.put("busy_answers", tracker.nBusy.get());
    m.put("busy_codes", Tracker.counts(tracker.busyCodes));
    m.put("final", tracker.nFinal.get());
    m.put("final_by_poll", finalByPoll);
    m.put("polled", polled);
    m.put("conflicted", tracker.nConflicted.get());
    m.put("expired", tracker.nExpired.get());
    m.put("lost_txs", lost);
    m.put("unknown_outcome", unknown);
    m.put("events", tracker.nEvents.get());
    m.put("stream_reconnects", tracker.nStreamReconnects.get());
    putLatency(m, "accept", tracker.acceptLatency);
    putLatency(m, "reject", tracker.rejectLatency);
    putLatency(m, "included", tracker.includedLatency);
    putLatency(m, "final", tracker.finalLatency);
    List<Tracker.HeadEvent> heads = tracker.heads();
    long minH = Long.MAX_VALUE;
    long maxH = -1;
    Map<String, Long> modes = new LinkedHashMap<>();
    for (Tracker.HeadEvent h : heads) {
      minH = Math.min(minH, h.height());
      maxH = Math.max(maxH, h.height());
      modes.merge(String.valueOf(h.mode()), 1L, Long::sum);
    }
    m.put("blocks", maxH < 0 ? 0 : maxH - minH);
    m.put("head_events_by_mode", modes);
    m.put("blocks_per_s", ProcWatch.round(blockRate(heads, start, loadEnd), 2));
    faults(m, marks, heads, from, normalTo);
    m.put("procs", procs.summary());
    m.put("notes", notes);
    int len = Math.max(tracker.finals.length(), (int) Math.ceil(tracker.seconds(loadEnd)) + 1);
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("final", tracker.finals.toArray(len));
    series.put("included", tracker.included.toArray(len));
    series.put("accepted", tracker.accepted.toArray(len));
    series.put("submitted", tracker.submitted.toArray(len));
    m.put("series", toLists(series));
    List<Object> ms = new ArrayList<>();
    for (Tracker.Mark mk : marks) {
      ms.add(Map.of("t", ProcWatch.round(mk.second(), 2), "label", mk.label()));
    }
    m.put("marks", ms);
    Map<String, Object> cdf = new LinkedHashMap<>();
    cdf.put("final", cdfList(tracker.finalLatency));
    cdf.put("included", cdfList(tracker.includedLatency));
    cdf.put("accept", cdfList(tracker.acceptLatency));
    cdf.put("reject", cdfList(tracker.rejectLatency));
    m.put("cdf", cdf);
    return m;
  }

  private static double blockRate(List<Tracker.HeadEvent> heads, long start, long end) {
    long lo = Long.MAX_VALUE;
    long hi = -1;
    for (Tracker.HeadEvent h : heads) {
      if (h.nanos() >= start && h.nanos() <= end) {
        lo = Math.min(lo, h.height());
        hi = Math.max(hi, h.height());
      }
    }
    return hi < 0 ? Double.NaN : (hi - lo) / ((end - start) / 1e9);
  }

  /** Failover, fallback and catch-up figures from the marks and the heads seen. */
  private void faults(
      Map<String, Object> m,
      List<Tracker.Mark> marks,
      List<Tracker.HeadEvent> heads,
      int normalFrom,
      int normalTo) {
    if (s.faults.isEmpty()) {
      return;
    }
    double normal = tracker.finals.rate(normalFrom, normalTo);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("normal_final_tps", ProcWatch.round(normal, 0));
    f.put(
        "normal_blocks_per_s",
        ProcWatch.round(
            blockRate(
                heads,
                tracker.t0 + (long) (normalFrom * 1e9),
                tracker.t0 + (long) (normalTo * 1e9)),
            2));
    for (int i = 0; i < marks.size(); i++) {
      Tracker.Mark mk = marks.get(i);
      String a = mk.label();
      long at = tracker.t0 + (long) (mk.second() * 1e9);
      double next =
          i + 1 < marks.size() ? marks.get(i + 1).second() : tracker.seconds(System.nanoTime());
      if (a.equals("kill-leader")) {
        f.put(a, failover(heads, at));
      } else if (a.equals("kill-standby")) {
        Tracker.HeadEvent firstPow = null;
        for (Tracker.HeadEvent h : heads) {
          if (h.nanos() >= at && "FALLBACK".equals(h.mode())) {
            firstPow = h;
            break;
          }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        if (firstPow == null || tracker.seconds(firstPow.nanos()) >= next) {
          r.put("fallback_ratio", null);
          r.put("why", "no FALLBACK (POW) block before the next fault");
        } else {
          int wFrom = (int) Math.ceil(tracker.seconds(firstPow.nanos()));
          int wTo = (int) Math.floor(next);
          double rate = tracker.finals.rate(wFrom, wTo);
          double inc = tracker.included.rate(wFrom, wTo);
          r.put("first_pow_block_ms", ProcWatch.round((firstPow.nanos() - at) / 1e6, 0));
          r.put("window_s", List.of(wFrom, wTo));
          r.put("final_tps", ProcWatch.round(rate, 0));
          r.put("included_tps", ProcWatch.round(inc, 0));
          r.put("fallback_ratio", normal > 0 ? ProcWatch.round(rate / normal, 3) : null);
        }
        f.put(a, r);
      }
    }
    f.putAll(faultResults);
    m.put("faults", f);
  }

  /**
   * Failover after the leader was killed at {@code at}: the first block after the kill signed under
   * a higher leader epoch (the standby's lease) is the standby's; its arrival on the event stream,
   * minus the kill, is the failover time. A POW block first means the network fell back instead.
   */
  private Map<String, Object> failover(List<Tracker.HeadEvent> heads, long at) {
    Map<String, Object> r = new LinkedHashMap<>();
    long before = -1;
    for (Tracker.HeadEvent h : heads) {
      if (h.nanos() < at) {
        before = Math.max(before, h.height());
      }
    }
    HttpConn c = new HttpConn(s.urls.get(0), 5_000);
    try {
      Map<String, Object> last = block(c, before);
      long epochBefore = last == null ? -1 : ((Number) last.get("leaderEpoch")).longValue();
      r.put("epoch_before", epochBefore);
      long seen = before;
      Long firstPowMs = null;
      for (Tracker.HeadEvent h : heads) {
        if (h.nanos() < at || h.height() <= seen) {
          continue;
        }
        for (long height = seen + 1; height <= h.height(); height++) {
          Map<String, Object> b = block(c, height);
          if (b == null) {
            continue;
          }
          double ms = (h.nanos() - at) / 1e6;
          if ("POW".equals(b.get("kind"))) {
            if (firstPowMs == null) {
              firstPowMs = Math.round(ms);
              r.put("first_pow_block_ms", firstPowMs);
            }
          } else if (((Number) b.get("leaderEpoch")).longValue() > epochBefore) {
            r.put("failover_ms", ProcWatch.round(ms, 0));
            r.put("standby_block_height", height);
            r.put("standby_epoch", b.get("leaderEpoch"));
            if (firstPowMs != null) {
              r.put("why", "the network fell back to POW before the standby led");
            }
            return r;
          }
        }
        seen = h.height();
      }
    } catch (IOException | RuntimeException e) {
      r.put("error", String.valueOf(e));
    } finally {
      c.close();
    }
    r.put("failover_ms", null);
    r.put(
        "why",
        "no block under a new leader epoch after the kill"
            + (r.containsKey("first_pow_block_ms") ? " (POW blocks came instead)" : ""));
    return r;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> block(HttpConn c, long height) throws IOException {
    if (height < 0) {
      return null;
    }
    HttpConn.Response r = c.get("/api/v1/blocks/" + height);
    if (r.status() != 200) {
      return null;
    }
    return (Map<String, Object>) io.eris.core.codec.Json.parse(r.text(), 1 << 28);
  }

  private static void putLatency(Map<String, Object> m, String name, Latencies l) {
    m.put(name + "_n", l.count());
    m.put(name + "_p50_ms", ProcWatch.round(l.percentileMs(0.50), 2));
    m.put(name + "_p95_ms", ProcWatch.round(l.percentileMs(0.95), 2));
    m.put(name + "_p99_ms", ProcWatch.round(l.percentileMs(0.99), 2));
    m.put(name + "_max_ms", ProcWatch.round(l.maxMs(), 2));
  }

  private static List<Object> cdfList(Latencies l) {
    List<Object> out = new ArrayList<>();
    for (double[] p : l.cdf(400)) {
      out.add(List.of(ProcWatch.round(p[0], 3), ProcWatch.round(p[1], 5)));
    }
    return out;
  }

  private static Map<String, Object> toLists(Map<String, Object> series) {
    Map<String, Object> out = new LinkedHashMap<>();
    series.forEach(
        (k, v) -> {
          List<Long> l = new ArrayList<>();
          for (long x : (long[]) v) {
            l.add(x);
          }
          out.put(k, l);
        });
    return out;
  }
}
