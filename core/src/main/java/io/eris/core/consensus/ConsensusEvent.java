package io.eris.core.consensus;

import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Transaction;
import io.eris.core.model.Vote;

/**
 * What drives a node. The host puts events on one queue (JMS listeners, EJB timers, the ingest API)
 * and one loop hands them to {@link ConsensusNode#handle} one at a time.
 */
public sealed interface ConsensusEvent {

  /** A transaction gossiped by a peer on the {@code txs} topic. */
  record TxReceived(Transaction tx) implements ConsensusEvent {}

  /** A block from the {@code blocks} topic. */
  record BlockReceived(Block block) implements ConsensusEvent {}

  /** A vote from the {@code votes} topic. */
  record VoteReceived(Vote vote) implements ConsensusEvent {}

  /** A peer asks this node for blocks. */
  record SyncRequested(SyncRequest request) implements ConsensusEvent {}

  /** A peer answered this node's sync request. */
  record SyncReplied(SyncReply reply) implements ConsensusEvent {}

  /**
   * A timer came due. {@code generation} lets the node recognise timers it no longer wants (an
   * older head's leader timeout, an abandoned mining attempt) without cancelling them.
   */
  record TimerFired(Timer timer, long generation) implements ConsensusEvent {}

  /**
   * A proof-of-work step ended ({@link PowWorker}): {@code found} is the sealed header's nonce
   * search result, or null when none of the step's nonces met the target; {@code nextNonce} is
   * where the next step starts. {@code generation} is the head generation the step was for.
   */
  record PowSearched(long generation, long nextNonce, BlockHeader found)
      implements ConsensusEvent {}

  /** What a timer is for. */
  enum Timer {
    /** Every T: the lease holder builds the next block (a heartbeat if idle). */
    PRODUCE,
    /** No block came within the leader timeout of the current head: start mining. */
    LEADER_TIMEOUT,
    /** The next bounded step of a proof-of-work search. */
    MINE_STEP,
    /** Housekeeping: re-broadcast the outbox, expire transactions, catch up by sync. */
    MAINTENANCE
  }
}
