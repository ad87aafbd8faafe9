package io.eris.core.consensus;

import io.eris.core.consensus.BlockTree.Node;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Vote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * This validator's own votes. It votes for each block that joins its canonical chain above the last
 * height it voted at, recording the vote in the journal before it is sent, so it never votes twice
 * at one height, even across restarts.
 *
 * <p>Votes at one height alone do not make finality safe: a validator that voted for block A at
 * height h and later, after a reorganisation, for a block at h+1 on a branch without A, has in
 * effect voted for two blocks at h (a vote counts for the ancestors too). So it keeps to the branch
 * of its earlier votes (a lock) and switches only when each of its earlier votes that the new
 * branch leaves is dead: validators holding enough stake voted for other blocks at that height that
 * it can never reach the threshold. With at most one vote per validator per height, two conflicting
 * blocks then never both become final.
 */
final class Voter {
  /** At most this many votes per call; the rest follow on the next head change or tick. */
  static final int MAX_VOTES_PER_ROUND = 256;

  private final KeyPair key;
  private final Hash chainId;
  private final VoteJournal journal;
  private final Transmitter transmitter;
  private final TreeMap<Long, Hash> ownVotes = new TreeMap<>();
  private long lastVoted;

  Voter(KeyPair key, Hash chainId, VoteJournal journal, Transmitter transmitter, long finalHeight) {
    this.key = key;
    this.chainId = chainId;
    this.journal = journal;
    this.transmitter = transmitter;
    this.lastVoted = journal.lastVotedHeight();
    for (Vote v : journal.votesAbove(finalHeight)) {
      ownVotes.put(v.height(), v.blockHash());
    }
  }

  /** The recorded own votes above the final height, to seed the vote book after a restart. */
  List<Vote> recordedVotes(long finalHeight) {
    return journal.votesAbove(finalHeight);
  }

  /**
   * Votes for the canonical blocks above the last voted height, if the lock allows; returns the
   * votes cast (already journaled and broadcast).
   */
  List<Vote> vote(Chain chain, Finality finality) {
    Node head = chain.head();
    long finalHeight = chain.finalNode().height();
    ownVotes.headMap(finalHeight, true).clear();
    long from = Math.max(lastVoted, finalHeight) + 1;
    if (head.height() < from || !lockAllows(chain, finality, head)) {
      return List.of();
    }
    long to = Math.min(head.height(), from + MAX_VOTES_PER_ROUND - 1);
    List<Vote> cast = new ArrayList<>();
    for (long h = from; h <= to; h++) {
      Node block = chain.tree().ancestorAt(head, h);
      if (!finality.validatorsAfter(chain, block.parent).contains(key.publicKey())) {
        continue;
      }
      Vote vote = Vote.sign(key, chainId, h, block.hash());
      journal.record(vote);
      lastVoted = h;
      ownVotes.put(h, block.hash());
      transmitter.broadcastVote(vote);
      cast.add(vote);
    }
    return cast;
  }

  /** True when every earlier vote that {@code target}'s branch leaves out is dead. */
  private boolean lockAllows(Chain chain, Finality finality, Node target) {
    for (Map.Entry<Long, Hash> own : ownVotes.entrySet()) {
      Node ancestor = chain.tree().ancestorAt(target, own.getKey());
      if (ancestor != null && ancestor.hash().equals(own.getValue())) {
        continue;
      }
      Node voted = chain.node(own.getValue());
      if (voted != null && !finality.excluded(chain, voted)) {
        return false;
      }
    }
    return true;
  }
}
