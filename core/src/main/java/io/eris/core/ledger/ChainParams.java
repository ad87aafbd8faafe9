package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.crypto.PublicKey;
import io.eris.core.model.Genesis;

/**
 * The chain parameters in force at a state, stored under {@link StateKeys#PARAMS}; set by the
 * genesis, changed only by governance.
 *
 * <p>{@code leaderEpochFloor}: LEADER blocks must carry an epoch at least this (raised when
 * governance installs a new leader key, so an old lease holder is fenced off). {@code pow} is the
 * proof-of-work rule now; {@code nextPow}, if not null, replaces it for blocks at heights {@code >=
 * nextPowHeight} (a function switch decided in advance).
 *
 * <pre>
 * u8 version=1 | leaderKey[32] | u64 leaderEpochFloor | u32 blockIntervalMs | u32 leaderTimeoutMs
 * | pow (PowRule) | u8 hasNext | [nextPow (PowRule) | u64 nextPowHeight]
 * | u16 finalityNumerator | u16 finalityDenominator | u32 anchorEvery | u32 maxBlockTxs
 * </pre>
 */
public record ChainParams(
    PublicKey leaderKey,
    long leaderEpochFloor,
    int blockIntervalMs,
    int leaderTimeoutMs,
    PowRule pow,
    PowRule nextPow,
    long nextPowHeight,
    int finalityNumerator,
    int finalityDenominator,
    int anchorEvery,
    int maxBlockTxs) {
  public static final int VERSION = 1;

  public static ChainParams of(Genesis g) {
    return new ChainParams(
        g.leaderKey(),
        0,
        g.blockIntervalMs(),
        g.leaderTimeoutMs(),
        new PowRule(g.powFunction(), g.powBaseTarget(), g.powExpectedBlockMs()),
        null,
        0,
        g.finalityNumerator(),
        g.finalityDenominator(),
        g.anchorEvery(),
        g.maxBlockTxs());
  }

  /** The proof-of-work rule for a POW block at {@code height}. */
  public PowRule powAt(long height) {
    return nextPow != null && height >= nextPowHeight ? nextPow : pow;
  }

  ChainParams withLeader(PublicKey key, long epochFloor) {
    return new ChainParams(
        key,
        epochFloor,
        blockIntervalMs,
        leaderTimeoutMs,
        pow,
        nextPow,
        nextPowHeight,
        finalityNumerator,
        finalityDenominator,
        anchorEvery,
        maxBlockTxs);
  }

  ChainParams withTiming(int intervalMs, int timeoutMs) {
    return new ChainParams(
        leaderKey,
        leaderEpochFloor,
        intervalMs,
        timeoutMs,
        pow,
        nextPow,
        nextPowHeight,
        finalityNumerator,
        finalityDenominator,
        anchorEvery,
        maxBlockTxs);
  }

  /**
   * Schedules {@code rule} from {@code activation} on, decided in the block at {@code height}: a
   * pending switch that is already active becomes the current rule first.
   */
  ChainParams withPow(PowRule rule, long activation, long height) {
    PowRule current = powAt(height);
    return new ChainParams(
        leaderKey,
        leaderEpochFloor,
        blockIntervalMs,
        leaderTimeoutMs,
        current,
        rule,
        Math.max(activation, height + 1),
        finalityNumerator,
        finalityDenominator,
        anchorEvery,
        maxBlockTxs);
  }

  public byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(192)
            .u8(VERSION)
            .fixed(leaderKey.unsafeBytes(), PublicKey.SIZE)
            .u64(leaderEpochFloor)
            .u32(blockIntervalMs)
            .u32(leaderTimeoutMs);
    pow.write(w);
    w.bool(nextPow != null);
    if (nextPow != null) {
      nextPow.write(w);
      w.u64(nextPowHeight);
    }
    return w.u16(finalityNumerator)
        .u16(finalityDenominator)
        .u32(anchorEvery)
        .u32(maxBlockTxs)
        .toByteArray();
  }

  public static ChainParams decode(byte[] value) {
    CanonicalReader r = StateKeys.reader(value, VERSION, "chain parameters");
    PublicKey leader = PublicKey.wrap(r.fixed(PublicKey.SIZE, "leaderKey"));
    long floor = r.u64("leaderEpochFloor");
    int interval = (int) Math.min(Integer.MAX_VALUE, r.u32("blockIntervalMs"));
    int timeout = (int) Math.min(Integer.MAX_VALUE, r.u32("leaderTimeoutMs"));
    PowRule pow = PowRule.read(r);
    PowRule next = null;
    long nextHeight = 0;
    if (r.bool("hasNextPow")) {
      next = PowRule.read(r);
      nextHeight = r.u64("nextPowHeight");
    }
    ChainParams p =
        new ChainParams(
            leader,
            floor,
            interval,
            timeout,
            pow,
            next,
            nextHeight,
            r.u16("finalityNumerator"),
            r.u16("finalityDenominator"),
            (int) Math.min(Integer.MAX_VALUE, r.u32("anchorEvery")),
            (int) Math.min(Integer.MAX_VALUE, r.u32("maxBlockTxs")));
    r.finish("chain parameters");
    return p;
  }
}
