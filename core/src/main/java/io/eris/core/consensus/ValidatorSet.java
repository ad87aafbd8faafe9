package io.eris.core.consensus;

import io.eris.core.crypto.PublicKey;
import java.math.BigInteger;
import java.util.Map;

/**
 * The validators in force at one state (a block's parent), their stakes and the finality threshold
 * {@code numerator/denominator} of the total stake.
 */
final class ValidatorSet {
  private final Map<PublicKey, Long> stakes;
  private final long totalStake;
  private final BigInteger thresholdScaled;
  private final int denominator;

  ValidatorSet(Map<PublicKey, Long> stakes, int numerator, int denominator) {
    if (numerator <= 0 || denominator <= 0 || numerator > denominator) {
      throw new IllegalArgumentException("threshold must be a fraction in (0, 1]");
    }
    this.stakes = Map.copyOf(stakes);
    long total = 0;
    for (long s : this.stakes.values()) {
      if (s <= 0) {
        throw new IllegalArgumentException("stakes are positive");
      }
      total = Math.addExact(total, s);
    }
    this.totalStake = total;
    this.denominator = denominator;
    this.thresholdScaled = BigInteger.valueOf(total).multiply(BigInteger.valueOf(numerator));
  }

  Map<PublicKey, Long> stakes() {
    return stakes;
  }

  long stakeOf(PublicKey key) {
    Long s = stakes.get(key);
    return s == null ? 0 : s;
  }

  boolean contains(PublicKey key) {
    return stakes.containsKey(key);
  }

  long totalStake() {
    return totalStake;
  }

  /** True when {@code stake} is at least the threshold of the total. */
  boolean reachesThreshold(long stake) {
    return BigInteger.valueOf(stake)
            .multiply(BigInteger.valueOf(denominator))
            .compareTo(thresholdScaled)
        >= 0;
  }

  /**
   * True when a block that {@code against} stake has voted against (for another block at its
   * height) can no longer reach the threshold, whatever the remaining validators do.
   */
  boolean excludes(long against) {
    return !reachesThreshold(totalStake - against);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidatorSet v
        && stakes.equals(v.stakes)
        && thresholdScaled.equals(v.thresholdScaled)
        && denominator == v.denominator;
  }

  @Override
  public int hashCode() {
    return stakes.hashCode();
  }
}
