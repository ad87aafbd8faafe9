package io.eris.light.verify;

import io.eris.core.codec.CodecException;
import io.eris.core.crypto.Hash;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Limits;
import io.eris.core.state.StateProof;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks a node's verifiable read ({@code GET /api/v1/accounts/..} or {@code /kv/..}: {@code
 * {height, blockHash, header, value, proof, votes}}) for a state key the caller computed itself.
 * The answer is believed only if the header decodes, hashes to the block hash named, is at the
 * height named and belongs to the trusted chain; the proof holds for that key and value against the
 * header's state root; and the header is final: block 0 of the trusted genesis, or voted by the
 * threshold of stake ({@link FinalityCheck}). Nothing the node says is used unchecked.
 */
public final class ReadVerifier {
  private static final HexFormat HEX = HexFormat.of();

  private ReadVerifier() {}

  public static VerifiedRead verify(Map<String, Object> answer, byte[] stateKey, TrustAnchor trust)
      throws Unverifiable {
    byte[] headerBytes = hex(answer, "header", false);
    byte[] proofBytes = hex(answer, "proof", false);
    byte[] value = hex(answer, "value", true);
    List<byte[]> votes = votes(answer.get("votes"));

    BlockHeader header;
    StateProof proof;
    try {
      header = BlockHeader.decode(headerBytes);
    } catch (CodecException e) {
      throw new Unverifiable(Rejection.MALFORMED, "the header does not decode: " + e.getMessage());
    }
    try {
      proof = StateProof.decode(proofBytes);
    } catch (IllegalArgumentException e) {
      throw new Unverifiable(Rejection.MALFORMED, "the proof does not decode: " + e.getMessage());
    }
    Hash hash = header.hash();
    Object named = answer.get("blockHash");
    if (named != null && !hash.toHex().equals(named)) {
      throw new Unverifiable(
          Rejection.HEADER_HASH,
          "the header hashes to " + hash.toHex() + ", not to the block hash " + named + " named");
    }
    Object height = answer.get("height");
    if (height != null && !(height instanceof Long h && h == header.height())) {
      throw new Unverifiable(
          Rejection.HEIGHT,
          "the header is at height " + header.height() + ", the node said " + height);
    }
    if (!header.chainId().equals(trust.chainId())) {
      throw new Unverifiable(Rejection.WRONG_CHAIN, "the header belongs to another chain");
    }
    if (!proof.verify(header.stateRoot(), stateKey, value)) {
      throw new Unverifiable(
          Rejection.PROOF,
          "the Merkle proof does not hold for the value against the header's state root");
    }
    if (header.height() == 0) {
      if (!hash.equals(trust.genesisBlockHash())) {
        throw new Unverifiable(
            Rejection.FINALITY, "a block at height 0 that is not the trusted genesis block");
      }
      return new VerifiedRead(header, hash, stateKey, value, proofBytes, List.of());
    }
    FinalityCheck.Tally tally = FinalityCheck.tally(trust, header, hash, votes);
    if (!trust.reachesThreshold(tally.stake())) {
      throw new Unverifiable(
          Rejection.FINALITY,
          "valid votes carry "
              + tally.stake()
              + " of "
              + tally.totalStake()
              + " stake, below the finality threshold "
              + trust.genesis().finalityNumerator()
              + "/"
              + trust.genesis().finalityDenominator()
              + (tally.refused().isEmpty() ? "" : "; votes refused: " + tally.refused()));
    }
    return new VerifiedRead(header, hash, stateKey, value, proofBytes, tally.counted());
  }

  private static byte[] hex(Map<String, Object> answer, String member, boolean nullable)
      throws Unverifiable {
    Object v = answer.get(member);
    if (v == null && nullable) {
      return null;
    }
    if (!(v instanceof String s) || (s.length() & 1) != 0) {
      throw new Unverifiable(Rejection.MALFORMED, "\"" + member + "\" is not a hex string");
    }
    try {
      return HEX.parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new Unverifiable(Rejection.MALFORMED, "\"" + member + "\" is not a hex string");
    }
  }

  private static List<byte[]> votes(Object v) throws Unverifiable {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new Unverifiable(Rejection.MALFORMED, "\"votes\" is not an array");
    }
    if (list.size() > Limits.MAX_VALIDATORS) {
      // Bounds the signature checks one answer can cost.
      throw new Unverifiable(
          Rejection.MALFORMED, list.size() + " votes, more than there can be validators");
    }
    List<byte[]> out = new ArrayList<>(list.size());
    for (Object o : list) {
      // A vote that is not hex is one that does not count, like one that does not decode.
      try {
        out.add(o instanceof String s ? HEX.parseHex(s) : new byte[0]);
      } catch (IllegalArgumentException e) {
        out.add(new byte[0]);
      }
    }
    return out;
  }
}
