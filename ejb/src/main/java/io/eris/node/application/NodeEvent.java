package io.eris.node.application;

/** A committed change that listeners hear of: a new head or final block, or a tx status. */
public sealed interface NodeEvent {
  /** The canonical head or the final block moved. */
  record HeadChanged(ChainRepository.Head head, String mode) implements NodeEvent {}

  /** A transaction's lifecycle status changed. */
  record TxChanged(TxStatusView status) implements NodeEvent {}
}
