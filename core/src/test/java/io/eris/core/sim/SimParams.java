package io.eris.core.sim;

import java.util.Random;

/**
 * The shape of one simulated world: timing of the chain, the network's behaviour, and the node
 * layout (validators, of which node 0 is the leader, plus one standby holding the leader key).
 */
record SimParams(
    int validators,
    int blockIntervalMs,
    int leaderTimeoutMs,
    int powExpectedMs,
    long minDelayMs,
    long maxDelayMs,
    double dropRate,
    double duplicateRate,
    long maxSkewMs,
    long txExpiryMs,
    long txExpiryBlocks) {

  static SimParams defaults() {
    return new SimParams(4, 100, 800, 300, 1, 30, 0.01, 0.02, 10, 8_000, 80);
  }

  /** A network drawn from the seed: delays, loss and duplication vary between runs. */
  static SimParams random(Random rng) {
    SimParams d = defaults();
    long min = 1 + rng.nextInt(5);
    return new SimParams(
        d.validators,
        d.blockIntervalMs,
        d.leaderTimeoutMs,
        d.powExpectedMs,
        min,
        min + 5 + rng.nextInt(60),
        rng.nextDouble() * 0.05,
        rng.nextDouble() * 0.05,
        rng.nextInt(20),
        d.txExpiryMs,
        d.txExpiryBlocks);
  }
}
