package io.eris.core.consensus;

import io.eris.core.model.Block;
import java.util.List;

/**
 * A move of the canonical head: undo {@code undo} (newest first) down to {@code ancestor}, then
 * apply {@code apply} (oldest first). The host makes the whole move in one database transaction.
 */
public record Reorg(Block ancestor, List<Block> undo, List<Block> apply) {
  public Reorg {
    undo = List.copyOf(undo);
    apply = List.copyOf(apply);
  }

  /** True when the new head simply extends the old one. */
  public boolean isExtension() {
    return undo.isEmpty();
  }
}
