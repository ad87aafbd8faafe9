package io.eris.light.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The configured nodes in the order they are tried (the configured order: the first is the
 * preferred one), and which of them are in back-off: a node that failed, or sent something that did
 * not verify, is skipped for the back-off period, then tried again.
 */
public final class NodePool {
  private final List<NodeEndpoint> nodes;
  private final long backoffMs;
  private final LongSupplier clock;
  private final Map<String, Long> backedOffUntil = new ConcurrentHashMap<>();
  private final Map<String, String> lastProblem = new ConcurrentHashMap<>();

  public NodePool(List<NodeEndpoint> nodes, long backoffMs, LongSupplier clock) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no nodes");
    }
    if (nodes.stream().map(NodeEndpoint::name).distinct().count() != nodes.size()) {
      throw new IllegalArgumentException("two nodes with one name");
    }
    this.nodes = List.copyOf(nodes);
    this.backoffMs = backoffMs;
    this.clock = clock;
  }

  public List<NodeEndpoint> nodes() {
    return nodes;
  }

  /** The time until which {@code node} is skipped, or 0 when it may be asked now. */
  public long backedOffUntil(NodeEndpoint node) {
    Long until = backedOffUntil.get(node.name());
    return until == null || until <= clock.getAsLong() ? 0 : until;
  }

  /**
   * Puts {@code node} in back-off after a failure with {@code code}; true when that is news (the
   * node was fine before, or failed differently), so callers log state changes, not every retry.
   */
  public boolean failed(NodeEndpoint node, String code) {
    backedOffUntil.put(node.name(), clock.getAsLong() + backoffMs);
    return !code.equals(lastProblem.put(node.name(), code));
  }

  /** Clears the back-off of {@code node}; true when it had failed before (it recovered). */
  public boolean succeeded(NodeEndpoint node) {
    backedOffUntil.remove(node.name());
    return lastProblem.remove(node.name()) != null;
  }
}
