package io.eris.core.consensus;

/**
 * Port: told of every status change of the transactions a node tracks, in order, on the event loop.
 * The host publishes them (server-sent events, the JMS status topic); it must not block.
 */
public interface TxStatusListener {
  void onStatus(TxStatusUpdate update);
}
