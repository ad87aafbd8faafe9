package io.eris.node.application;

import java.util.List;

/** Told of committed changes: the web tier's server-sent events, the tx-status topic. */
public interface NodeEventListener {
  /**
   * What one database transaction changed, in order. Each listener is called on a thread of its
   * own, one batch after the other, never on the consensus loop: a slow listener delays only
   * itself.
   */
  void committed(List<NodeEvent> events);
}
