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

  boolean contains(Hash hash);

  Optional<Block> byHash(Hash hash);

  Optional<Block> canonicalAt(long height);

  void putStateNodes(Collection<TreeNode> nodes);

  java.util.List<io.eris.core.model.Vote> votesFor(Hash block);

  TreeNodeStore stateNodes();
}
