package io.eris.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Hash;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PowTest {
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  @Test
  void stakeWeightedTargetIsBaseTimesShare() {
    Hash base = PowTargets.fromBigInteger(BigInteger.ONE.shiftLeft(240));
    assertThat(PowTargets.toBigInteger(PowTargets.stakeWeighted(base, 1, 4)))
        .isEqualTo(BigInteger.ONE.shiftLeft(238));
    assertThat(PowTargets.stakeWeighted(base, 4, 4)).isEqualTo(base);
    assertThat(PowTargets.stakeWeighted(base, 0, 4)).isEqualTo(Hash.ZERO);
  }

  @Test
  void targetsSaturateWithoutOverflow() {
    Hash max = PowTargets.fromBigInteger(MAX);
    assertThat(PowTargets.stakeWeighted(max, Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(max);
    assertThat(PowTargets.fromBigInteger(MAX.shiftLeft(3))).isEqualTo(max);
    assertThat(PowTargets.fromBigInteger(BigInteger.valueOf(-5))).isEqualTo(Hash.ZERO);
    assertThat(PowTargets.toBigInteger(PowTargets.stakeWeighted(max, 1, 3)))
        .isEqualTo(MAX.divide(BigInteger.valueOf(3)));
  }

  @Test
  void hashRateCalibration() {
    // 1000 hashes/s and 2 s per block: one hash in 2000 meets the target
    assertThat(PowTargets.toBigInteger(PowTargets.forHashRate(1000, 2000)))
        .isEqualTo(MAX.divide(BigInteger.valueOf(2000)));
  }

  @Test
  void functionsAreNamedDeterministicAndDistinct() {
    byte[] header = new byte[150];
    assertThat(PowFunctions.byName("sha256d-v1").hash(header)).isEqualTo(Hash.doubleSha256(header));
    Hash a = PowFunctions.byName("argon2id-v1").hash(header);
    assertThat(PowFunctions.ARGON2ID.hash(header)).isEqualTo(a);
    assertThat(a).isNotEqualTo(Hash.doubleSha256(header));
    header[149] = 1;
    assertThat(PowFunctions.ARGON2ID.hash(header)).isNotEqualTo(a);
    assertThat(PowFunctions.isKnown("md5-v1")).isFalse();
  }

  @Test
  void targetComparisonIsUnsigned() {
    Hash high = Hash.fromHex("80" + "00".repeat(31));
    Hash low = Hash.fromHex("7f" + "ff".repeat(31));
    assertThat(PowFunctions.meets(low, high)).isTrue();
    assertThat(PowFunctions.meets(high, low)).isFalse();
    assertThat(PowFunctions.meets(high, high)).isTrue();
  }

  @Test
  void minerReportsHashesTried() {
    TestChain chain = new TestChain();
    BlockProducer.Produced t =
        chain.producer.powTemplate(
            chain.tip(),
            java.util.List.of(),
            chain.tip().timestampMillis() + TestChain.TIMEOUT,
            TestChain.V2.address(),
            chain);
    Miner.Result r = Miner.mine(t.header(), PowFunctions.SHA256D, 0, 1000, () -> false);
    assertThat(r.found()).isTrue();
    assertThat(r.hashesTried()).isEqualTo(r.header().powNonce() + 1);
    assertThat(
            PowFunctions.meets(
                Miner.powHash(r.header(), PowFunctions.SHA256D), t.header().powTarget()))
        .isTrue();
  }
}
