package io.eris.core.ledger;

import io.eris.core.crypto.Hash;
import java.util.Optional;

/**
 * Port to the chain being extended, supplied by the host (or the consensus): the blocks below the
 * parent of the block being executed, on that block's own branch. Used by ANCHOR (which block is
 * anchored) and RECOVER (which state root is restored). A full node keeps every block and every
 * state root, so the answers are the same on every honest node.
 */
public interface ChainHistory {
  /** The hash of the block at {@code height} on this branch, if the branch reaches it. */
  Optional<Hash> blockHashAt(long height);

  /** The state root after the block at {@code height} on this branch. */
  Optional<Hash> stateRootAt(long height);

  /** No history: anchors and recoveries are refused or fail. */
  ChainHistory NONE =
      new ChainHistory() {
        @Override
        public Optional<Hash> blockHashAt(long height) {
          return Optional.empty();
        }

        @Override
        public Optional<Hash> stateRootAt(long height) {
          return Optional.empty();
        }
      };
}
