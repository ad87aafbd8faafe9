package io.eris.core.consensus;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.state.TreeNodeStore;
import java.util.Optional;

/**
 * Port: the node's durable chain (PostgreSQL in production). Each {@link #commit} is one
 * transaction: new blocks, the state-tree nodes they created, the head with the canonical-chain
 * changes, and the final block. State nodes are read back through {@link TreeNodeStore}.
 */
public interface ChainStore extends TreeNodeStore {
  void commit(ChainCommit commit);

  /** The stored chain, or empty for a new node (which then starts from the genesis). */
  Optional<ChainSnapshot> load();

  Optional<Block> block(Hash hash);

  /** The block at {@code height} on the stored canonical chain. */
  Optional<Block> canonicalBlock(long height);

  /** The block of the stored canonical chain that holds transaction {@code tx}, if any. */
  Optional<Block> canonicalBlockWithTx(Hash tx);
}
