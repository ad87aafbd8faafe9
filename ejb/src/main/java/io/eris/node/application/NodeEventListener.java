package io.eris.node.application;

/** Told of committed changes: the web tier's server-sent events, the tx-status topic. */
public interface NodeEventListener {
  /** The canonical head or the final block moved. */
  void head(ChainRepository.Head head, String mode);

  /** A transaction's lifecycle status changed. */
  void tx(TxStatusView status);
}
