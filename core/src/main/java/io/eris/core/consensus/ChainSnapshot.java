package io.eris.core.consensus;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import java.util.List;

/**
 * The stored chain a node restarts from: its head, its highest final block, and every stored block
 * at or above the final block's height, on any branch (parents before children).
 */
public record ChainSnapshot(Hash head, Hash finalBlock, List<Block> blocks) {
  public ChainSnapshot {
    blocks = List.copyOf(blocks);
  }
}
