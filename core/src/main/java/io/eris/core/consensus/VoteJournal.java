package io.eris.core.consensus;

import io.eris.core.model.Vote;
import java.util.List;

/**
 * Port: the validator's own votes, durable. A vote is recorded BEFORE it is sent, so that after a
 * crash the node never signs a second vote at a height it has voted at.
 */
public interface VoteJournal {
  /** The highest height this validator has voted at; 0 if none. */
  long lastVotedHeight();

  /** Stores {@code vote} durably; returns only once it is stored. */
  void record(Vote vote);

  /** The recorded votes above {@code height}, lowest first. */
  List<Vote> votesAbove(long height);
}
