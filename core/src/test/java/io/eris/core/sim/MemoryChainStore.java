package io.eris.core.sim;

import io.eris.core.consensus.ChainCommit;
import io.eris.core.consensus.ChainSnapshot;
import io.eris.core.consensus.ChainStore;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.core.state.InMemoryTreeNodeStore;
import io.eris.core.state.TreeNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A node's durable store in the simulation: survives a crash of the node, like its database. */
public final class MemoryChainStore implements ChainStore {
  private final InMemoryTreeNodeStore nodes = new InMemoryTreeNodeStore();
  private final Map<Hash, Block> blocks = new HashMap<>();
  private final Map<Long, Hash> canonical = new HashMap<>();
  private final Map<Hash, List<Hash>> blocksOfTx = new HashMap<>();
  private Hash head;
  private Hash finalBlock;
  private int commits;

  @Override
  public Optional<TreeNode> get(Hash hash) {
    return nodes.get(hash);
  }

  @Override
  public void commit(ChainCommit c) {
    for (Block b : c.blocks()) {
      if (blocks.putIfAbsent(b.hash(), b) == null) {
        for (Transaction tx : b.txs()) {
          blocksOfTx.computeIfAbsent(tx.hash(), t -> new ArrayList<>(1)).add(b.hash());
        }
      }
    }
    nodes.putAll(c.nodes());
    if (c.reorg() != null) {
      for (Block b : c.reorg().undo()) {
        canonical.remove(b.height());
      }
      for (Block b : c.reorg().apply()) {
        canonical.put(b.height(), b.hash());
      }
    }
    if (head == null) {
      Block first = blocks.get(c.head());
      canonical.put(first.height(), first.hash());
    }
    head = c.head();
    finalBlock = c.finalBlock();
    commits++;
  }

  @Override
  public Optional<ChainSnapshot> load() {
    if (head == null) {
      return Optional.empty();
    }
    long finalHeight = blocks.get(finalBlock).height();
    List<Block> above = new ArrayList<>();
    for (Block b : blocks.values()) {
      if (b.height() >= finalHeight) {
        above.add(b);
      }
    }
    above.sort(Comparator.comparingLong(Block::height).thenComparing(Block::hash));
    return Optional.of(new ChainSnapshot(head, finalBlock, above));
  }

  @Override
  public Optional<Block> block(Hash hash) {
    return Optional.ofNullable(blocks.get(hash));
  }

  @Override
  public Optional<Block> canonicalBlock(long height) {
    Hash h = canonical.get(height);
    return h == null ? Optional.empty() : Optional.of(blocks.get(h));
  }

  @Override
  public Optional<Block> canonicalBlockWithTx(Hash tx) {
    for (Hash h : blocksOfTx.getOrDefault(tx, List.of())) {
      Block b = blocks.get(h);
      if (h.equals(canonical.get(b.height()))) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  public int commits() {
    return commits;
  }
}
