package io.eris.node.application;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.Genesis;
import io.eris.core.state.TreeNode;
import io.eris.core.state.TreeNodeStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Where the node keeps its chain: blocks, head and finality pointers, state-tree nodes. */
public interface ChainRepository {
  /** The canonical head and the highest final block. */
  record Head(Hash hash, long height, Hash finalHash, long finalHeight) {}

  Optional<String> storedChainId();

  void initialise(Genesis genesis, String nodeAddress, Block genesisBlock, Instant now);

  Head head();

  void appendCanonical(Block block, Instant now);

  void markFinal(Hash hash, long height, Instant now);

  boolean contains(Hash hash);

  Optional<Block> byHash(Hash hash);

  Optional<Block> canonicalAt(long height);

  void putStateNodes(Collection<TreeNode> nodes);

  /**
   * Records this node's own vote and its voting height, in the caller's transaction, before the
   * vote is sent. Refuses (returns false) a vote at or below the last voted height, so the node
   * never votes twice at one height, across restarts.
   */
  boolean recordOwnVote(io.eris.core.model.Vote vote, Instant now);

  /** Stores a vote received from a validator; duplicates change nothing. */
  void storeVote(io.eris.core.model.Vote vote, Instant now);

  java.util.List<io.eris.core.model.Vote> votesFor(Hash block);

  TreeNodeStore stateNodes();
}
