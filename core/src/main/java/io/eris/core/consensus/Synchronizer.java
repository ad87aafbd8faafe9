package io.eris.core.consensus;

import io.eris.core.consensus.BlockTree.Node;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Transaction;
import io.eris.core.model.Vote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Catching up: blocks whose parent is unknown wait here (bounded) while the node asks a peer for
 * the chain leading to them; requests carry a block locator; answers are built from the tree and
 * the store. One request is in flight at a time (until it is answered with progress, or for {@code
 * retryMillis}): every block of a missing branch, and every vote for one, would otherwise send its
 * own request, and a node far behind would drown in answers it asked for twice.
 */
final class Synchronizer {
  private final Hash chainId;
  private final Address self;
  private final Transmitter transmitter;
  private final int batch;
  private final int orphanCapacity;
  private final long retryMillis;
  private final LinkedHashMap<Hash, Block> orphans = new LinkedHashMap<>();
  private final Map<Hash, List<Hash>> orphansByParent = new HashMap<>();
  private long inFlightSince = -1;

  Synchronizer(
      Hash chainId,
      Address self,
      Transmitter transmitter,
      int batch,
      int orphanCapacity,
      long retryMillis) {
    this.chainId = chainId;
    this.self = self;
    this.transmitter = transmitter;
    this.batch = batch;
    this.orphanCapacity = orphanCapacity;
    this.retryMillis = retryMillis;
  }

  /** Keeps a block whose parent is unknown and asks for its ancestors. */
  void orphan(Chain chain, Block block, long nowMillis) {
    if (orphans.containsKey(block.hash())) {
      return;
    }
    if (orphans.size() >= orphanCapacity) {
      Block oldest = orphans.values().iterator().next();
      forget(oldest);
    }
    orphans.put(block.hash(), block);
    orphansByParent
        .computeIfAbsent(block.header().parent(), p -> new ArrayList<>())
        .add(block.hash());
    request(chain, block.hash(), nowMillis);
  }

  /** The orphans waiting for {@code parent}, removed from the pool. */
  List<Block> releaseChildren(Hash parent) {
    List<Hash> children = orphansByParent.remove(parent);
    if (children == null) {
      return List.of();
    }
    List<Block> out = new ArrayList<>(children.size());
    for (Hash h : children) {
      Block b = orphans.remove(h);
      if (b != null) {
        out.add(b);
      }
    }
    return out;
  }

  /** Asks again for the ancestors of the orphans (lost requests or answers). */
  void retryOrphans(Chain chain, long nowMillis) {
    for (Block b : new ArrayList<>(orphans.values())) {
      if (b.height() <= chain.finalNode().height()) {
        forget(b);
      }
    }
    for (Block b : new ArrayList<>(orphans.values())) {
      if (!orphans.containsKey(b.header().parent())) {
        request(chain, b.hash(), nowMillis);
      }
    }
  }

  /**
   * Asks a peer for the chain up to {@code target} ({@link Hash#ZERO}: the peer's head), unless a
   * request is still in flight: its answer leads to the next request.
   */
  void request(Chain chain, Hash target, long nowMillis) {
    if (inFlightSince >= 0 && nowMillis - inFlightSince < retryMillis) {
      return;
    }
    inFlightSince = nowMillis;
    transmitter.requestSync(new SyncRequest(chainId, self, locator(chain), target, batch));
  }

  /** The request in flight was answered: the next one may go out at once. */
  void answered() {
    inFlightSince = -1;
  }

  /** Hashes of the canonical chain: the head, then back in doubling steps, then the genesis. */
  static List<Hash> locator(Chain chain) {
    List<Hash> out = new ArrayList<>();
    long step = 1;
    long h = chain.head().height();
    while (h > 0 && out.size() < SyncRequest.MAX_LOCATOR - 1) {
      Optional<Block> b = chain.canonicalAt(h);
      if (b.isEmpty()) {
        break;
      }
      out.add(b.get().hash());
      if (out.size() > 8) {
        step *= 2;
      }
      h -= step;
    }
    chain.canonicalAt(0).ifPresent(g -> out.add(g.hash()));
    return out;
  }

  /** The answer to {@code request}: blocks after the last one both know, towards the target. */
  SyncReply answer(Chain chain, Finality finality, SyncRequest request) {
    Node known = chain.node(request.target());
    Node target = known != null ? known : chain.head();
    long start = forkPoint(chain, target, request.locator());
    int max = Math.min(batch, request.maxBlocks());
    List<Block> blocks = new ArrayList<>();
    long bytes = 0;
    for (long h = start + 1; h <= target.height() && blocks.size() < max; h++) {
      Optional<Block> b = blockOnBranch(chain, target, h);
      if (b.isEmpty()) {
        break;
      }
      bytes += estimatedSize(b.get());
      if (!blocks.isEmpty() && bytes > SyncReply.SOFT_MAX_BYTES) {
        break;
      }
      blocks.add(b.get());
    }
    // Votes a little below the fork point too, so the requester sees finality and learns when a
    // block it voted for is dead; and the votes that made our final block final, so a requester
    // on a branch without it learns that it must leave that branch.
    long last = blocks.isEmpty() ? target.height() : blocks.get(blocks.size() - 1).height();
    long from = Math.max(0, start - 32);
    long finalHeight = chain.finalNode().height();
    List<Vote> votes = new ArrayList<>();
    if (finalHeight < from) {
      votes.addAll(finality.book().votesBetween(finalHeight, finalHeight, SyncReply.MAX_VOTES));
    }
    votes.addAll(finality.book().votesBetween(from, last, SyncReply.MAX_VOTES - votes.size()));
    Node head = chain.head();
    return new SyncReply(
        chainId, head.hash(), head.height(), chain.finalNode().height(), blocks, votes);
  }

  /** The highest height whose locator hash lies on the branch of {@code target}. */
  private static long forkPoint(Chain chain, Node target, List<Hash> locator) {
    for (Hash h : locator) {
      Node n = chain.node(h);
      if (n != null) {
        if (chain.tree().isAncestorOrSelf(n, target)) {
          return n.height();
        }
        continue;
      }
      Optional<Block> stored = chain.store().block(h);
      if (stored.isPresent()
          && stored.get().height() <= chain.tree().root().height()
          && chain
              .store()
              .canonicalBlock(stored.get().height())
              .map(b -> b.hash().equals(h))
              .orElse(false)) {
        return stored.get().height();
      }
    }
    return 0;
  }

  private static Optional<Block> blockOnBranch(Chain chain, Node target, long height) {
    if (height >= chain.tree().root().height()) {
      Node n = chain.tree().ancestorAt(target, height);
      return n == null ? Optional.empty() : Optional.of(n.block);
    }
    return chain.store().canonicalBlock(height);
  }

  private void forget(Block b) {
    orphans.remove(b.hash());
    List<Hash> siblings = orphansByParent.get(b.header().parent());
    if (siblings != null) {
      siblings.remove(b.hash());
      if (siblings.isEmpty()) {
        orphansByParent.remove(b.header().parent());
      }
    }
  }

  private static long estimatedSize(Block b) {
    long size = 2 + BlockHeader.SIZE + 64 + 4;
    for (Transaction tx : b.txs()) {
      size += 4 + tx.encodedSize();
    }
    return size;
  }
}
