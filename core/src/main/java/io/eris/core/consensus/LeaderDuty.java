package io.eris.core.consensus;

import io.eris.core.consensus.BlockTree.Node;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.KeyPair;
import io.eris.core.ledger.BlockProducer;
import io.eris.core.ledger.LedgerState;
import java.util.OptionalLong;

/**
 * The work of a node that holds the leader key (the primary or a hot standby): every T, if it holds
 * the lease, sign the next LEADER block on the head (a heartbeat when the mempool is empty). It
 * holds back:
 *
 * <ul>
 *   <li>until it has caught up with its peers after a start (sync first, then lead);
 *   <li>when the chain names another leader key;
 *   <li>when it looks isolated (no other validator voted at any of its last few heights): it
 *       neither signs nor renews the lease, so a standby that still reaches the validators takes
 *       over;
 *   <li>when its head is too far past its last final block: the validators are not following (too
 *       few up, or locked on another branch). It keeps the lease but signs nothing; the followers'
 *       timeouts make the chain go on by proof of work, and it leads again once finality catches
 *       up.
 * </ul>
 *
 * The last two bound the heights the key signs on a branch that may lose: each of those heights is
 * burnt for the key, because the height is reserved in the lease row before the block is signed, so
 * the key never signs two blocks at one height, whichever node holds it.
 */
final class LeaderDuty {
  private final KeyPair leaderKey;
  private final Address node;
  private final LeaderLease lease;
  private final BlockProducer producer;
  private final long leaseMillis;
  private final int isolationBlocks;
  private final int maxUnfinalised;
  private final boolean hasPeersToHear;
  private boolean caughtUp;
  private long othersVotedHeight;
  private boolean leaseHeldByOther;

  LeaderDuty(
      KeyPair leaderKey,
      Address node,
      LeaderLease lease,
      BlockProducer producer,
      long leaseMillis,
      int isolationBlocks,
      int maxUnfinalised,
      boolean hasPeersToHear) {
    this.leaderKey = leaderKey;
    this.node = node;
    this.lease = lease;
    this.producer = producer;
    this.leaseMillis = leaseMillis;
    this.isolationBlocks = isolationBlocks;
    this.maxUnfinalised = maxUnfinalised;
    this.hasPeersToHear = hasPeersToHear;
    this.caughtUp = !hasPeersToHear;
  }

  boolean caughtUp() {
    return caughtUp;
  }

  void markCaughtUp() {
    caughtUp = true;
  }

  /**
   * True when the last attempt to lead found the lease held by another node: a hot standby then
   * asks again sooner than every T, so it takes over as soon as the holder's lease lapses.
   */
  boolean waitingForLease() {
    return leaseHeldByOther;
  }

  /** Another validator voted at {@code height}: it hears us. */
  void heardVote(long height) {
    othersVotedHeight = Math.max(othersVotedHeight, height);
  }

  /** The next LEADER block on the head, signed; null when this node should not lead now. */
  BlockProducer.Produced produce(Chain chain, TxPool pool, long nowMillis, int maxTxs) {
    Node head = chain.head();
    LedgerState state = chain.headState();
    if (!caughtUp || !state.leaderKey().equals(leaderKey.publicKey()) || isolated(chain)) {
      return null;
    }
    OptionalLong epoch = lease.acquire(node, nowMillis, leaseMillis);
    leaseHeldByOther = epoch.isEmpty();
    if (epoch.isEmpty()
        || head.height() - chain.finalNode().height() > maxUnfinalised
        || epoch.getAsLong() < chain.minEpochOn(head)
        || epoch.getAsLong() < state.params().leaderEpochFloor()) {
      return null;
    }
    long height = head.height() + 1;
    if (!lease.reserveHeight(node, epoch.getAsLong(), height, nowMillis)) {
      return null;
    }
    long timestamp = Math.max(nowMillis, head.block.header().timestampMillis() + 1);
    return producer.leaderBlock(
        head.block.header(),
        pool.mempool().select(state, maxTxs),
        timestamp,
        epoch.getAsLong(),
        leaderKey,
        chain.historyOf(head));
  }

  /**
   * True when this node leads by the chain but holds back (isolated, or too far past its final
   * block): its newest blocks may not have reached the validators.
   */
  boolean holdingBack(Chain chain) {
    return caughtUp
        && chain.headState().leaderKey().equals(leaderKey.publicKey())
        && (isolated(chain) || chain.head().height() - chain.finalNode().height() > maxUnfinalised);
  }

  private boolean isolated(Chain chain) {
    if (!hasPeersToHear) {
      return false;
    }
    long head = chain.head().height();
    long heard = Math.max(othersVotedHeight, chain.finalNode().height());
    return head - heard >= isolationBlocks;
  }
}
