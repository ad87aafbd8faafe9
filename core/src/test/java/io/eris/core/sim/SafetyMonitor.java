package io.eris.core.sim;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.BlockKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches every node's finalisations and every block signed with the leader key, and records
 * violations: two final blocks at one height (on any two nodes), a node whose final chain skips or
 * rewrites a height, two LEADER blocks signed at one height.
 */
final class SafetyMonitor {
  private final Map<Long, Hash> finalByHeight = new HashMap<>();
  private final Map<Integer, Long> lastFinal = new HashMap<>();
  private final Map<Long, Hash> leaderSigned = new HashMap<>();
  private final List<String> violations = new ArrayList<>();

  void finalized(int node, Block b) {
    long expected = lastFinal.getOrDefault(node, 0L) + 1;
    if (b.height() != expected) {
      violations.add("node " + node + " finalised height " + b.height() + ", expected " + expected);
    }
    lastFinal.put(node, b.height());
    Hash earlier = finalByHeight.putIfAbsent(b.height(), b.hash());
    if (earlier != null && !earlier.equals(b.hash())) {
      violations.add(
          "two final blocks at height "
              + b.height()
              + ": "
              + earlier
              + " and, on node "
              + node
              + ", "
              + b.hash());
    }
  }

  void signed(Block b) {
    if (b.header().kind() != BlockKind.LEADER) {
      return;
    }
    Hash earlier = leaderSigned.putIfAbsent(b.height(), b.hash());
    if (earlier != null && !earlier.equals(b.hash())) {
      violations.add("the leader key signed two blocks at height " + b.height());
    }
  }

  void violation(String what) {
    violations.add(what);
  }

  List<String> violations() {
    return violations;
  }

  long highestFinal() {
    return finalByHeight.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
