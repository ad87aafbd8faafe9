package io.eris.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything measured during one load phase: every tx by hash, the latencies, per-second series,
 * the heads seen on the event stream, and the moments marked (faults, phases).
 */
final class Tracker {
  record HeadEvent(long nanos, long height, long finalHeight, String mode, String node) {}

  record Mark(double second, String label) {}

  final long t0 = System.nanoTime();
  private final Accounts accounts;
  final ConcurrentHashMap<String, TxRecord> txs = new ConcurrentHashMap<>(1 << 18);

  final Latencies acceptLatency = new Latencies();
  final Latencies rejectLatency = new Latencies();
  final Latencies includedLatency = new Latencies();
  final Latencies finalLatency = new Latencies();

  static final int CAPACITY_S = 7_200;
  final RateSeries submitted = new RateSeries(t0, CAPACITY_S);
  final RateSeries accepted = new RateSeries(t0, CAPACITY_S);
  final RateSeries included = new RateSeries(t0, CAPACITY_S);
  final RateSeries finals = new RateSeries(t0, CAPACITY_S);

  final AtomicLong nSubmittedValid = new AtomicLong();
  final AtomicLong nSubmittedInvalid = new AtomicLong();
  final AtomicLong nAccepted = new AtomicLong();
  final AtomicLong nRejectedInvalid = new AtomicLong();
  final AtomicLong nRejectedValid = new AtomicLong();
  final AtomicLong nInvalidAccepted = new AtomicLong();
  final AtomicLong nIoErrors = new AtomicLong();
  final AtomicLong nBusy = new AtomicLong();
  final AtomicLong nIncluded = new AtomicLong();
  final AtomicLong nFinal = new AtomicLong();
  final AtomicLong nConflicted = new AtomicLong();
  final AtomicLong nExpired = new AtomicLong();
  final AtomicLong nEvents = new AtomicLong();
  final AtomicLong nForeignEvents = new AtomicLong();
  final AtomicLong nStreamReconnects = new AtomicLong();

  /** Open loop: how far behind its schedule a sender fell at worst (0 in a closed loop). */
  final AtomicLong maxLagNanos = new AtomicLong();

  final Map<String, LongAdder> validRejectCodes = new ConcurrentHashMap<>();
  final Map<String, LongAdder> invalidRejectCodes = new ConcurrentHashMap<>();
  final Map<String, LongAdder> busyCodes = new ConcurrentHashMap<>();

  /** Latencies count only for txs submitted from here on (after the warm-up). */
  volatile long measureFromNanos = Long.MAX_VALUE;

  private final List<HeadEvent> heads = new ArrayList<>();
  private final List<Mark> marks = new ArrayList<>();

  Tracker(Accounts accounts) {
    this.accounts = accounts;
  }

  double seconds(long nanos) {
    return (nanos - t0) / 1e9;
  }

  void register(String hash, TxRecord r) {
    txs.put(hash, r);
    submitted.mark(r.submitNanos);
    (r.invalid ? nSubmittedInvalid : nSubmittedValid).incrementAndGet();
  }

  /** The node answered 202 with {@code status} (PENDING, or a later one for a known tx). */
  void answeredAccepted(TxRecord r, long now, String status) {
    synchronized (r) {
      if (r.answered) {
        return;
      }
      r.answered = true;
      r.known = true;
    }
    if (r.invalid) {
      nInvalidAccepted.incrementAndGet();
    }
    nAccepted.incrementAndGet();
    accepted.mark(now);
    if (r.sentNanos >= measureFromNanos) {
      acceptLatency.addNanos(now - r.submitNanos);
    }
    if (status != null && !status.equals("PENDING")) {
      status(r, status, null, 0, now, false);
    }
  }

  void answeredRejected(TxRecord r, long now, String code) {
    synchronized (r) {
      r.answered = true;
      r.rejected = true;
    }
    if (r.invalid) {
      nRejectedInvalid.incrementAndGet();
      if (r.sentNanos >= measureFromNanos) {
        rejectLatency.addNanos(now - r.submitNanos);
      }
      invalidRejectCodes.computeIfAbsent(code, k -> new LongAdder()).increment();
    } else {
      nRejectedValid.incrementAndGet();
      validRejectCodes.computeIfAbsent(code, k -> new LongAdder()).increment();
    }
  }

  /** A status from the event stream (or a poll, {@code byPoll}) for the tx {@code hash}. */
  void onTx(String hash, String status, String blockKind, long height, long now) {
    nEvents.incrementAndGet();
    TxRecord r = txs.get(hash);
    if (r == null) {
      nForeignEvents.incrementAndGet();
      return;
    }
    status(r, status, blockKind, height, now, false);
  }

  void status(TxRecord r, String status, String blockKind, long height, long now, boolean byPoll) {
    boolean newIncluded = false;
    boolean newFinal = false;
    String newTerminal = null;
    synchronized (r) {
      if (r.rejected) {
        return;
      }
      r.known = true;
      if (height > 0) {
        r.height = height;
      }
      switch (status) {
        case "INCLUDED", "FINAL" -> {
          if (r.includedNanos == 0) {
            r.includedNanos = now;
            r.blockKind = blockKind;
            newIncluded = true;
          }
          if (status.equals("FINAL") && r.terminal == null) {
            r.terminal = "FINAL";
            r.finalNanos = now;
            r.settledByPoll = byPoll;
            newFinal = true;
          }
        }
        case "CONFLICTED", "EXPIRED" -> {
          if (r.terminal == null) {
            r.terminal = status;
            r.settledByPoll = byPoll;
            newTerminal = status;
          }
        }
        default -> {}
      }
    }
    if (newIncluded) {
      nIncluded.incrementAndGet();
      if (!byPoll) {
        included.mark(now);
        if (r.sentNanos >= measureFromNanos) {
          includedLatency.addNanos(now - r.submitNanos);
        }
      }
    }
    if (newFinal) {
      nFinal.incrementAndGet();
      if (!byPoll) {
        finals.mark(now);
        if (r.sentNanos >= measureFromNanos) {
          finalLatency.addNanos(now - r.submitNanos);
        }
      }
      if (r.nonce == 1 && !r.invalid) {
        accounts.get(r.account).firstFinal = true;
      }
    }
    if ("CONFLICTED".equals(newTerminal)) {
      nConflicted.incrementAndGet();
    } else if ("EXPIRED".equals(newTerminal)) {
      nExpired.incrementAndGet();
    }
  }

  void onHead(long height, long finalHeight, String mode, String node, long now) {
    synchronized (heads) {
      heads.add(new HeadEvent(now, height, finalHeight, mode, node));
    }
  }

  List<HeadEvent> heads() {
    synchronized (heads) {
      return new ArrayList<>(heads);
    }
  }

  void mark(String label) {
    synchronized (marks) {
      marks.add(new Mark(seconds(System.nanoTime()), label));
    }
  }

  List<Mark> marks() {
    synchronized (marks) {
      return new ArrayList<>(marks);
    }
  }

  /** Valid txs the node took (202 or seen) that are not settled yet. */
  long unsettled() {
    long n = 0;
    for (TxRecord r : txs.values()) {
      synchronized (r) {
        if (r.known && !r.rejected && r.terminal == null) {
          n++;
        }
      }
    }
    return n;
  }

  static Map<String, Long> counts(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
