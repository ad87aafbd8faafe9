package io.eris.core.state;

import io.eris.core.crypto.Hash;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A node store in a map, for tests and the simulation. Never forgets a node. */
public final class InMemoryTreeNodeStore implements TreeNodeStore {
  private final Map<Hash, TreeNode> nodes = new ConcurrentHashMap<>();

  @Override
  public Optional<TreeNode> get(Hash hash) {
    return Optional.ofNullable(nodes.get(hash));
  }

  public void putAll(Collection<TreeNode> newNodes) {
    for (TreeNode node : newNodes) {
      nodes.putIfAbsent(node.hash(), node);
    }
  }
}
