package io.eris.core.scenario;

import io.eris.core.model.Block;
import io.eris.core.model.BlockKind;
import java.util.ArrayList;
import java.util.List;

/** Liveness observations over a cluster's canonical chains, by block timestamps. */
public final class Checks {
  private Checks() {}

  /** The blocks on {@code node}'s canonical chain stamped in {@code [from, to]}. */
  public static List<Block> blocksBetween(Cluster c, int node, long from, long to) {
    List<Block> out = new ArrayList<>();
    for (long h = c.head(node).height(); h > 0; h--) {
      Block b = c.canonicalBlock(node, h).orElse(null);
      if (b == null || b.header().timestampMillis() < from) {
        break;
      }
      if (b.header().timestampMillis() <= to) {
        out.add(0, b);
      }
    }
    return out;
  }

  public static long count(List<Block> blocks, BlockKind kind) {
    return blocks.stream().filter(b -> b.header().kind() == kind).count();
  }

  /** The highest leader epoch on {@code node}'s chain since {@code from}. */
  public static long highestEpoch(Cluster c, int node, long from) {
    return blocksBetween(c, node, from, Long.MAX_VALUE).stream()
        .filter(b -> b.header().kind() == BlockKind.LEADER)
        .mapToLong(b -> b.header().leaderEpoch())
        .max()
        .orElse(0);
  }

  /** The first block of {@code kind} stamped at or after {@code from} on {@code node}'s chain. */
  public static Block firstSince(Cluster c, int node, BlockKind kind, long from) {
    for (Block b : blocksBetween(c, node, from, Long.MAX_VALUE)) {
      if (b.header().kind() == kind) {
        return b;
      }
    }
    return null;
  }

  /** Nodes that are up. */
  public static List<Integer> up(Cluster c) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      if (c.isUp(i)) {
        out.add(i);
      }
    }
    return out;
  }
}
