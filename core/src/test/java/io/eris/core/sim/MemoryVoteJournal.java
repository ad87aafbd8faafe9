package io.eris.core.sim;

import io.eris.core.consensus.VoteJournal;
import io.eris.core.model.Vote;
import java.util.List;
import java.util.TreeMap;

/** A validator's vote journal in the simulation: survives crashes. */
public final class MemoryVoteJournal implements VoteJournal {
  private final TreeMap<Long, Vote> votes = new TreeMap<>();

  @Override
  public long lastVotedHeight() {
    return votes.isEmpty() ? 0 : votes.lastKey();
  }

  @Override
  public void record(Vote vote) {
    if (vote.height() <= lastVotedHeight()) {
      throw new IllegalStateException("a second vote at or below height " + lastVotedHeight());
    }
    votes.put(vote.height(), vote);
  }

  @Override
  public List<Vote> votesAbove(long height) {
    return List.copyOf(votes.tailMap(height, false).values());
  }
}
