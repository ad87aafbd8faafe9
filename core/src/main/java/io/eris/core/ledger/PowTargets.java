package io.eris.core.ledger;

import io.eris.core.crypto.Hash;
import java.math.BigInteger;

/** Target arithmetic on 256-bit unsigned numbers, exact (BigInteger) and saturating. */
public final class PowTargets {
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private PowTargets() {}

  public static BigInteger toBigInteger(Hash h) {
    return new BigInteger(1, h.unsafeBytes());
  }

  /** The 32-byte big-endian form of {@code v}, saturated to 0..2^256-1. */
  public static Hash fromBigInteger(BigInteger v) {
    if (v.signum() <= 0) {
      return Hash.ZERO;
    }
    if (v.compareTo(MAX) > 0) {
      v = MAX;
    }
    byte[] raw = v.toByteArray();
    byte[] out = new byte[Hash.SIZE];
    int copy = Math.min(Hash.SIZE, raw.length);
    System.arraycopy(raw, raw.length - copy, out, Hash.SIZE - copy, copy);
    return Hash.wrap(out);
  }

  /**
   * {@code base x stake / totalStake}: a validator's target, so its expected time to a block is
   * inversely proportional to its stake. Zero (unreachable) when the stake or total is not
   * positive.
   */
  public static Hash stakeWeighted(Hash base, long stake, long totalStake) {
    if (stake <= 0 || totalStake <= 0) {
      return Hash.ZERO;
    }
    return fromBigInteger(
        toBigInteger(base)
            .multiply(BigInteger.valueOf(stake))
            .divide(BigInteger.valueOf(totalStake)));
  }

  /**
   * The base target at which miners doing {@code hashesPerSecond} together find a block every
   * {@code expectedBlockMs} on average: (2^256 - 1) / expected hashes per block.
   */
  public static Hash forHashRate(double hashesPerSecond, long expectedBlockMs) {
    double expected = Math.max(1.0, hashesPerSecond * expectedBlockMs / 1000.0);
    BigInteger hashes = BigInteger.valueOf((long) Math.min(Long.MAX_VALUE, Math.ceil(expected)));
    return fromBigInteger(MAX.divide(hashes));
  }
}
