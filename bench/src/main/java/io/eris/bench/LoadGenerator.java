package io.eris.bench;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import io.eris.core.model.WriteBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Client threads, each owning a disjoint slice of the accounts and signing their txs itself (Bouncy
 * Castle, through the core), one keep-alive connection each. Closed loop (send, wait for the
 * answer, send the next) or open loop at an offered rate (each thread paced at rate/clients;
 * latencies count from the intended send time, so a slow node is not hidden by a slow sender).
 * Every {@code invalidEvery}-th submission is deliberately invalid: bad signature, wrong chain, or
 * a used nonce, in turn.
 */
final class LoadGenerator {
  record Config(
      List<String> submitUrls,
      int clients,
      double rate,
      int invalidEvery,
      Hash chainId,
      String memoPrefix) {}

  private final Config config;
  private final Accounts accounts;
  private final Tracker tracker;
  private final Hash wrongChain = Hash.sha256("not-this-chain".getBytes(StandardCharsets.UTF_8));
  private final AtomicLong serial = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  LoadGenerator(Config config, Accounts accounts, Tracker tracker) {
    if (accounts.size() < config.clients()) {
      throw new IllegalArgumentException("fewer accounts than clients");
    }
    this.config = config;
    this.accounts = accounts;
    this.tracker = tracker;
  }

  void start() {
    running = true;
    long start = System.nanoTime();
    for (int c = 0; c < config.clients(); c++) {
      int id = c;
      Thread t = new Thread(() -> client(id, start), "bench-client-" + c);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  void stop() {
    running = false;
    for (Thread t : threads) {
      try {
        t.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void client(int id, long start) {
    List<Accounts.Account> mine = new ArrayList<>();
    for (int i = id; i < accounts.size(); i += config.clients()) {
      mine.add(accounts.get(i));
    }
    List<String> urls = config.submitUrls();
    int urlIndex = 0; // the first node (the leader), then the next on failure
    HttpConn conn = new HttpConn(urls.get(urlIndex), 10_000);
    double perThread = config.rate() / config.clients();
    long intervalNanos = perThread > 0 ? (long) (1e9 / perThread) : 0;
    long intended = start + (intervalNanos > 0 ? (long) (Math.random() * intervalNanos) : 0);
    int cursor = 0;
    int usedNonceCursor = 0;
    long k = 0;
    int backoffMs = 0;
    while (running) {
      if (intervalNanos > 0) {
        long wait = intended - System.nanoTime();
        if (wait > 0) {
          sleepNanos(wait);
        }
      }
      if (!running) {
        break;
      }
      Accounts.Account a = mine.get(cursor++ % mine.size());
      k++;
      boolean invalid = config.invalidEvery() > 0 && k % config.invalidEvery() == 0;
      long realNow = System.nanoTime();
      long sendAt = intervalNanos > 0 ? intended : realNow;
      if (intervalNanos > 0 && realNow - intended > tracker.maxLagNanos.get()) {
        tracker.maxLagNanos.accumulateAndGet(realNow - intended, Math::max);
      }
      if (intervalNanos > 0) {
        intended += intervalNanos;
      }
      byte[] bytes;
      String hash;
      TxRecord rec;
      boolean resend = false;
      if (!invalid && a.retry != null) {
        bytes = a.retry;
        hash = a.retryHash;
        rec = tracker.txs.get(hash);
        resend = true;
      } else if (invalid) {
        int kind = (int) ((k / config.invalidEvery()) % 3);
        Transaction tx;
        if (kind == 2) {
          Accounts.Account used = null;
          for (int j = 0; j < mine.size() && used == null; j++) {
            Accounts.Account cand = mine.get((usedNonceCursor + j) % mine.size());
            if (cand.firstFinal) {
              used = cand;
              usedNonceCursor = (usedNonceCursor + j + 1) % mine.size();
            }
          }
          kind = used == null ? 0 : 2;
          tx =
              used == null
                  ? sign(a, config.chainId(), a.nextNonce)
                  : sign(used, config.chainId(), 1);
          bytes = tx.encode();
        } else if (kind == 1) {
          bytes = sign(a, wrongChain, a.nextNonce).encode();
        } else {
          bytes = sign(a, config.chainId(), a.nextNonce).encode();
        }
        if (kind == 0) {
          bytes[bytes.length - 1] ^= 0x01; // the signature's last byte
        }
        hash = Hash.sha256(bytes).toHex();
        rec = new TxRecord(a.index, -1, true, sendAt, realNow);
        tracker.register(hash, rec);
      } else {
        Transaction tx = sign(a, config.chainId(), a.nextNonce);
        bytes = tx.encode();
        hash = tx.hash().toHex();
        rec = new TxRecord(a.index, a.nextNonce, false, sendAt, realNow);
        tracker.register(hash, rec);
      }
      HttpConn.Response resp;
      try {
        resp = conn.post("/api/v1/txs", "application/octet-stream", bytes);
      } catch (IOException e) {
        tracker.nIoErrors.incrementAndGet();
        if (!invalid) {
          a.retry = bytes;
          a.retryHash = hash;
        }
        conn.close();
        urlIndex = (urlIndex + 1) % urls.size();
        conn = new HttpConn(urls.get(urlIndex), 10_000);
        backoffMs = Math.min(500, Math.max(20, backoffMs * 2));
        EventStream.sleep(backoffMs);
        continue;
      }
      long now = System.nanoTime();
      if (resp.status() == 202) {
        backoffMs = 0;
        String status = EventStream.field(resp.text(), "status");
        if (rec != null) {
          tracker.answeredAccepted(rec, now, status);
        }
        if (!invalid) {
          a.retry = null;
          a.retryHash = null;
          if (!resend || rec == null || rec.nonce == a.nextNonce) {
            a.nextNonce++;
          }
        }
      } else if (resp.status() == 422 && !invalid && TRANSIENT.contains(codeOf(resp))) {
        // overloaded or unavailable: not a verdict on the tx; send the same bytes again later
        tracker.nBusy.incrementAndGet();
        tracker.busyCodes.computeIfAbsent(codeOf(resp), c -> new LongAdder()).increment();
        a.retry = bytes;
        a.retryHash = hash;
        backoffMs = Math.min(200, Math.max(5, backoffMs * 2));
        EventStream.sleep(backoffMs);
      } else if (resp.status() == 422) {
        backoffMs = 0;
        String code = codeOf(resp);
        if (rec != null) {
          tracker.answeredRejected(rec, now, code);
        }
        if (!invalid) {
          // not stored: the nonce is used again by the account's next tx
          a.retry = null;
          a.retryHash = null;
        }
      } else {
        // 503 (not ready: a node restarting), 404 (its application not deployed yet), 5xx: the
        // outcome is unknown; the same tx goes to the next node after a pause
        tracker.nBusy.incrementAndGet();
        tracker
            .busyCodes
            .computeIfAbsent("HTTP " + resp.status(), c -> new LongAdder())
            .increment();
        if (!invalid) {
          a.retry = bytes;
          a.retryHash = hash;
        }
        if (urls.size() > 1) {
          conn.close();
          urlIndex = (urlIndex + 1) % urls.size();
          conn = new HttpConn(urls.get(urlIndex), 10_000);
        }
        backoffMs = Math.min(500, Math.max(20, backoffMs * 2));
        EventStream.sleep(backoffMs);
      }
    }
    conn.close();
  }

  /** Answers that say "not now" rather than "never": the same tx is sent again. */
  static final Set<String> TRANSIENT = Set.of("TIMEOUT", "INTERNAL", "MEMPOOL_FULL");

  private static String codeOf(HttpConn.Response resp) {
    String code = EventStream.field(resp.text(), "code");
    return code == null ? "?" : code;
  }

  /** A transfer of 1 to the next account, or a write to the sender's own namespace, in turn. */
  private Transaction sign(Accounts.Account a, Hash chainId, long nonce) {
    long s = serial.incrementAndGet();
    String memo = config.memoPrefix() + Long.toString(s, 36);
    if ((s & 1) == 0) {
      Address to = accounts.get((a.index + 1) % accounts.size()).key.address();
      return Transaction.sign(
          a.key, chainId, nonce, TxKind.TRANSFER, new TransferBody(to, 1, memo).encode());
    }
    byte[] key = ("k" + (nonce % 8)).getBytes(StandardCharsets.UTF_8);
    byte[] value = memo.getBytes(StandardCharsets.UTF_8);
    return Transaction.sign(
        a.key,
        chainId,
        nonce,
        TxKind.WRITE,
        new WriteBody("", List.of(WriteBody.Op.put(key, value))).encode());
  }

  private static void sleepNanos(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
