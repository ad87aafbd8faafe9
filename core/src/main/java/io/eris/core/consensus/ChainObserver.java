package io.eris.core.consensus;

import io.eris.core.model.Block;

/**
 * Port: what the host shows (server-sent events, metrics, the evidence API). Called on the event
 * loop after the change is stored; must not block. Every method has a do-nothing default.
 */
public interface ChainObserver {
  default void headChanged(Block head, Reorg reorg) {}

  default void finalized(Block block) {}

  default void equivocation(EquivocationEvidence evidence) {}

  /** A block or vote was refused; {@code reason} names the rule. */
  default void rejected(String what, String reason) {}
}
