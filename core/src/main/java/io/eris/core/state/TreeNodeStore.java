package io.eris.core.state;

import io.eris.core.crypto.Hash;
import java.util.Optional;

/**
 * Where the state tree reads its nodes from, by hash. Nodes are immutable and content-addressed, so
 * an implementation may cache them freely; one that reads from an untrusted source should check
 * that {@link TreeNode#hash()} of what it decoded equals the hash it was asked for.
 */
public interface TreeNodeStore {
  Optional<TreeNode> get(Hash hash);
}
