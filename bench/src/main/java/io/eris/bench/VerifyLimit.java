package io.eris.bench;

import io.eris.core.crypto.Ed25519;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's signature limit: Bouncy Castle Ed25519 verifications per second of real tx
 * signatures (256 different senders), on 1 and on N threads, after a warm-up. Every node verifies
 * every tx once, so (verifications/s ÷ nodes) bounds what a cluster on this machine can confirm.
 */
final class VerifyLimit {
  record Sample(PublicKey key, byte[] payload, byte[] signature) {}

  private final List<Sample> samples = new ArrayList<>();

  VerifyLimit(Accounts accounts, Hash chainId) {
    for (int i = 0; i < Math.min(256, accounts.size()); i++) {
      Accounts.Account a = accounts.get(i);
      Transaction tx =
          Transaction.sign(
              a.key,
              chainId,
              1,
              TxKind.TRANSFER,
              new TransferBody(accounts.get((i + 1) % accounts.size()).key.address(), 1, "v")
                  .encode());
      samples.add(new Sample(tx.sender(), tx.signingPayload(), tx.signature()));
    }
  }

  /** Verifications per second on {@code threads} threads over {@code seconds}. */
  double measure(int threads, double warmupSeconds, double seconds) throws InterruptedException {
    AtomicLong count = new AtomicLong();
    long t0 = System.nanoTime();
    long start = t0 + (long) (warmupSeconds * 1e9);
    long end = start + (long) (seconds * 1e9);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * 37;
      Thread th =
          new Thread(
              () -> {
                long n = 0;
                int i = offset;
                boolean ok = true;
                while (true) {
                  long now = System.nanoTime();
                  if (now >= end) {
                    break;
                  }
                  // check the clock every 16 verifications (a verification takes ~100 µs)
                  for (int j = 0; j < 16; j++) {
                    Sample s = samples.get(i++ % samples.size());
                    ok &= Ed25519.verify(s.key(), s.payload(), s.signature());
                  }
                  if (now >= start) {
                    n += 16;
                  }
                }
                if (!ok) {
                  throw new IllegalStateException("a valid signature did not verify");
                }
                count.addAndGet(n);
              },
              "bench-verify-" + t);
      ts.add(th);
      th.start();
    }
    for (Thread th : ts) {
      th.join();
    }
    return count.get() / seconds;
  }
}
