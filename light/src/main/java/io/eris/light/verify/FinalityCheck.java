package io.eris.light.verify;

import io.eris.core.codec.CodecException;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Vote;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether a header is final from the votes a node sent with it: the distinct trusted
 * validators that signed a vote for exactly this chain, height and block hash must hold the
 * threshold of stake. Votes for anything else, by other keys, with bad signatures, or that do not
 * decode are not counted; a validator's repeated votes count once. The same rules as the core's
 * consensus and the browser client's {@code checkFinality}.
 */
public final class FinalityCheck {
  private FinalityCheck() {}

  /** What the votes add up to. */
  public record Tally(
      long stake, long totalStake, List<Vote> counted, Map<String, Integer> refused) {
    public Tally {
      counted = List.copyOf(counted);
      refused = Map.copyOf(refused);
    }
  }

  /** Counts {@code votes} (canonical encodings) for the header with hash {@code hash}. */
  public static Tally tally(TrustAnchor trust, BlockHeader header, Hash hash, List<byte[]> votes) {
    long stake = 0;
    List<Vote> counted = new ArrayList<>();
    Set<PublicKey> voters = new HashSet<>();
    Map<String, Integer> refused = new TreeMap<>();
    for (byte[] encoded : votes) {
      Vote vote;
      try {
        vote = Vote.decode(encoded);
      } catch (CodecException e) {
        refused.merge("MALFORMED", 1, Integer::sum);
        continue;
      }
      String reason;
      if (!vote.chainId().equals(trust.chainId())) {
        reason = "WRONG_CHAIN";
      } else if (vote.height() != header.height() || !vote.blockHash().equals(hash)) {
        reason = "OTHER_BLOCK";
      } else if (!trust.isValidator(vote.voter())) {
        reason = "UNKNOWN_VOTER";
      } else if (voters.contains(vote.voter())) {
        reason = "DUPLICATE";
      } else if (!vote.verifySignature()) {
        reason = "BAD_SIGNATURE";
      } else {
        voters.add(vote.voter());
        counted.add(vote);
        stake += trust.stakeOf(vote.voter());
        continue;
      }
      refused.merge(reason, 1, Integer::sum);
    }
    return new Tally(stake, trust.totalStake(), counted, refused);
  }
}
