package io.eris.light.verify;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.Json;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.ledger.GenesisState;
import io.eris.core.model.Genesis;
import io.eris.core.model.Limits;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every answer is checked against: the genesis whose chain id the operator configured. It is
 * fetched from a node but believed only because it hashes to that id, so no node is trusted for it.
 * It fixes the chain id, the validators whose votes count with their stakes, the finality
 * threshold, and the genesis block (final by definition, it carries no votes).
 *
 * <p>Like the browser client, the light service weighs votes with the genesis validator set; a
 * chain whose validators changed by governance since genesis needs a new trust anchor.
 */
public final class TrustAnchor {
  private final Genesis genesis;
  private final Hash chainId;
  private final Hash genesisBlockHash;
  private final Map<PublicKey, Long> stakes;
  private final BigInteger thresholdScaled;
  private final int denominator;

  private TrustAnchor(Genesis genesis) {
    this.genesis = genesis;
    this.chainId = genesis.chainId();
    this.genesisBlockHash = GenesisState.of(genesis).block().hash();
    Map<PublicKey, Long> s = new LinkedHashMap<>();
    for (Genesis.Validator v : genesis.validators()) {
      s.put(v.key(), v.stake());
    }
    this.stakes = Map.copyOf(s);
    this.denominator = genesis.finalityDenominator();
    this.thresholdScaled =
        BigInteger.valueOf(genesis.totalStake())
            .multiply(BigInteger.valueOf(genesis.finalityNumerator()));
  }

  /** The anchor of a genesis already known to be the trusted one (tests, a local file). */
  public static TrustAnchor of(Genesis genesis) {
    return new TrustAnchor(genesis);
  }

  /**
   * Checks a node's {@code GET /api/v1/genesis} answer (the JSON file form plus {@code chainId})
   * against the trusted chain id: the genesis is re-encoded canonically here and hashed; the id the
   * node states must be the same too.
   */
  public static TrustAnchor fromNodeAnswer(String body, Hash trustedChainId) throws Unverifiable {
    Genesis genesis;
    Object stated;
    try {
      if (!(Json.parse(body, Limits.MAX_GENESIS_BYTES + 64) instanceof Map<?, ?> parsed)) {
        throw new Unverifiable(Rejection.MALFORMED, "the genesis answer is not a JSON object");
      }
      Map<String, Object> file = new LinkedHashMap<>();
      parsed.forEach((k, v) -> file.put((String) k, v));
      stated = file.remove("chainId");
      genesis = Genesis.fromJson(Json.write(file));
    } catch (CodecException e) {
      throw new Unverifiable(Rejection.MALFORMED, "the genesis does not parse: " + e.getMessage());
    }
    Hash id = genesis.chainId();
    if (!id.equals(trustedChainId)) {
      throw new Unverifiable(
          Rejection.WRONG_GENESIS,
          "the node's genesis hashes to " + id.toHex() + ", not to the trusted chain id");
    }
    if (stated != null && !id.toHex().equals(stated)) {
      throw new Unverifiable(
          Rejection.WRONG_GENESIS, "the node states chain id " + stated + " for this genesis");
    }
    return new TrustAnchor(genesis);
  }

  public Genesis genesis() {
    return genesis;
  }

  public Hash chainId() {
    return chainId;
  }

  /** The hash of block 0, which is final without votes. */
  public Hash genesisBlockHash() {
    return genesisBlockHash;
  }

  /** The stake of a validator, 0 for any other key. */
  public long stakeOf(PublicKey key) {
    return stakes.getOrDefault(key, 0L);
  }

  public boolean isValidator(PublicKey key) {
    return stakes.containsKey(key);
  }

  public long totalStake() {
    return genesis.totalStake();
  }

  /**
   * True when {@code stake} is at least {@code numerator/denominator} of the total, computed as the
   * core's consensus does ({@code stake * denominator >= total * numerator}, no rounding).
   */
  public boolean reachesThreshold(long stake) {
    return BigInteger.valueOf(stake)
            .multiply(BigInteger.valueOf(denominator))
            .compareTo(thresholdScaled)
        >= 0;
  }

  /** The genesis in its JSON file form with its chain id, as a node's GET /api/v1/genesis. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> toView() {
    Map<String, Object> m =
        (Map<String, Object>) Json.parse(genesis.toJson(), Limits.MAX_GENESIS_BYTES * 2);
    m.put("chainId", chainId.toHex());
    return m;
  }
}
