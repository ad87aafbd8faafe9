package io.eris.node.application;

import io.eris.core.consensus.EquivocationEvidence;
import java.util.List;
import java.util.Map;

/** What the node records about the consensus for operators: evidence, votes, outbox. */
public interface ConsensusRecords {
  /** Stores equivocation evidence (once per voter and height), in the caller's transaction. */
  void evidence(EquivocationEvidence evidence);

  List<EquivocationEvidence> evidence(int max);

  /** The highest height each validator (by address) voted at, as far as this node saw. */
  Map<String, Long> lastVoteHeights();

  long outboxSize();
}
