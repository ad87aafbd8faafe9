package io.eris.core.consensus;

import io.eris.core.crypto.Address;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.core.model.Vote;

/**
 * Port: the only way out of a node. The host maps it to the JMS topics {@code txs}, {@code blocks},
 * {@code votes} and the {@code sync} queue. Sending is fire-and-forget: the protocol copes with
 * loss, delay, reordering and duplicates, so implementations must not block the loop waiting for
 * peers.
 */
public interface Transmitter {
  void broadcastTx(Transaction tx);

  void broadcastBlock(Block block);

  void broadcastVote(Vote vote);

  /** Asks some peer for blocks; any one answer is enough. */
  void requestSync(SyncRequest request);

  /** Answers the node with address {@code requester}. */
  void replySync(Address requester, SyncReply reply);
}
