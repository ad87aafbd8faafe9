package io.eris.core.consensus;

import io.eris.core.consensus.BlockTree.Node;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.ValidatorState;
import io.eris.core.model.Vote;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Votes and finality. A block is final once validators holding the threshold of stake in its
 * parent's validator set voted for it; its ancestors are final with it. Votes are admitted only for
 * heights that can still matter (above the final block, not absurdly far above the head), from
 * validators, with a valid signature.
 */
final class Finality {
  /** How far above the head a vote for an unknown block is kept. */
  static final long VOTE_WINDOW = 10_000;

  private final Hash chainId;
  private final SignatureCache signatures;
  private final VoteBook book;
  private final Map<Hash, ValidatorSet> sets =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, ValidatorSet> eldest) {
          return size() > 64;
        }
      };

  Finality(Hash chainId, SignatureCache signatures, int maxEvidence) {
    this.chainId = chainId;
    this.signatures = signatures;
    this.book = new VoteBook(maxEvidence);
  }

  VoteBook book() {
    return book;
  }

  /** The validators that vote on the children of {@code parent}. */
  ValidatorSet validatorsAfter(Chain chain, Node parent) {
    LedgerState state = chain.stateAt(parent);
    return sets.computeIfAbsent(state.root(), r -> toSet(state));
  }

  private static ValidatorSet toSet(LedgerState state) {
    Map<PublicKey, Long> stakes = new HashMap<>();
    for (ValidatorState v : state.validators()) {
      stakes.put(v.publicKey(), v.stake());
    }
    return new ValidatorSet(
        stakes, state.params().finalityNumerator(), state.params().finalityDenominator());
  }

  /**
   * Checks and records a vote. Returns null when it is refused or changes nothing, else the outcome
   * (NEW or EQUIVOCATION).
   */
  VoteBook.Outcome admit(Chain chain, Vote vote) {
    if (!vote.chainId().equals(chainId)
        || vote.height() <= chain.finalNode().height()
        || vote.height() > chain.head().height() + VOTE_WINDOW) {
      return null;
    }
    Node block = chain.node(vote.blockHash());
    if (block != null && block.height() != vote.height()) {
      return null;
    }
    ValidatorSet set =
        block != null ? validatorsAfter(chain, block.parent) : validatorsAfter(chain, chain.head());
    if (!set.contains(vote.voter())) {
      return null;
    }
    if (!signedByVoter(vote)) {
      return null;
    }
    VoteBook.Outcome outcome = book.add(vote);
    return outcome == VoteBook.Outcome.DUPLICATE ? null : outcome;
  }

  /**
   * The block hashes that {@code votes} alone make final, judged against the validator set after
   * {@code base}: distinct validators of that set, with valid signatures, holding the threshold of
   * stake. Nothing is recorded.
   */
  Set<Hash> certified(Chain chain, Node base, List<Vote> votes) {
    ValidatorSet set = validatorsAfter(chain, base);
    Map<Hash, Map<PublicKey, Long>> stakeByBlock = new HashMap<>();
    for (Vote vote : votes) {
      if (!vote.chainId().equals(chainId) || !set.contains(vote.voter())) {
        continue;
      }
      Map<PublicKey, Long> voters =
          stakeByBlock.computeIfAbsent(vote.blockHash(), h -> new HashMap<>());
      if (voters.containsKey(vote.voter())) {
        continue;
      }
      if (signedByVoter(vote)) {
        voters.put(vote.voter(), set.stakeOf(vote.voter()));
      }
    }
    Set<Hash> out = new HashSet<>();
    for (Map.Entry<Hash, Map<PublicKey, Long>> e : stakeByBlock.entrySet()) {
      long stake = 0;
      for (long v : e.getValue().values()) {
        stake += v;
      }
      if (set.reachesThreshold(stake)) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** Whether the vote's signature is its voter's (through the signature cache). */
  private boolean signedByVoter(Vote vote) {
    byte[] payload = Arrays.copyOf(vote.encode(), Vote.SIZE - 64);
    return signatures.verify(vote.voter(), payload, vote.signature());
  }

  /** True when {@code node} has votes of the threshold of stake. */
  boolean reached(Chain chain, Node node) {
    if (node.parent == null) {
      return false;
    }
    ValidatorSet set = validatorsAfter(chain, node.parent);
    return set.reachesThreshold(book.stakeFor(node.height(), node.hash(), set));
  }

  /**
   * True when {@code node} can never reach the threshold: too much stake voted for other blocks at
   * its height. Blocks pruned from the tree conflict with the final chain and count as dead.
   */
  boolean excluded(Chain chain, Node node) {
    if (node.parent == null) {
      return false;
    }
    ValidatorSet set = validatorsAfter(chain, node.parent);
    return set.excludes(book.stakeAgainst(node.height(), node.hash(), set));
  }

  void pruneBelow(long height) {
    book.pruneBelow(height);
  }
}
