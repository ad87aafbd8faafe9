package io.eris.core.ledger;

import io.eris.core.crypto.Hash;
import io.eris.core.model.BlockHeader;
import java.util.function.BooleanSupplier;

/**
 * Searches proof-of-work nonces for a POW block header. Runs on the caller's thread until it finds
 * a nonce, exhausts its attempts, or {@code cancelled} says stop (the consensus abandons the search
 * when a valid block at that height arrives). Reports the hashes tried, for hash-rate calibration.
 */
public final class Miner {
  /** The header with a winning nonce, or null; and the number of hashes computed. */
  public record Result(BlockHeader header, long hashesTried, long elapsedNanos) {
    public boolean found() {
      return header != null;
    }

    /** Hashes per second over this search (0 if it took no measurable time). */
    public double hashRate() {
      return elapsedNanos <= 0 ? 0 : hashesTried * 1e9 / elapsedNanos;
    }
  }

  private Miner() {}

  /**
   * Tries nonces {@code startNonce, startNonce+1, ...} (wrapping within 0..2^63-1) on {@code
   * template}, whose target is {@code template.powTarget()}.
   */
  public static Result mine(
      BlockHeader template,
      PowFunction function,
      long startNonce,
      long maxAttempts,
      BooleanSupplier cancelled) {
    long start = System.nanoTime();
    byte[] encoding = template.withPowNonce(0).encode();
    int nonceAt = encoding.length - 8;
    Hash target = template.powTarget();
    int checkEvery = function == PowFunctions.SHA256D ? 1024 : 1;
    long nonce = startNonce & Long.MAX_VALUE;
    long tried = 0;
    while (tried < maxAttempts) {
      if (tried % checkEvery == 0 && cancelled.getAsBoolean()) {
        break;
      }
      for (int i = 0; i < 8; i++) {
        encoding[nonceAt + i] = (byte) (nonce >>> (56 - 8 * i));
      }
      tried++;
      if (PowFunctions.meets(function.hash(encoding), target)) {
        return new Result(template.withPowNonce(nonce), tried, System.nanoTime() - start);
      }
      nonce = (nonce + 1) & Long.MAX_VALUE;
    }
    return new Result(null, tried, System.nanoTime() - start);
  }

  /** The PoW hash of a header under {@code function}. */
  public static Hash powHash(BlockHeader header, PowFunction function) {
    return function.hash(header.encode());
  }
}
