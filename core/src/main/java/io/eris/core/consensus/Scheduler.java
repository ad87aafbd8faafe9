package io.eris.core.consensus;

/**
 * Port: puts an event on the node's event queue at a time of the node's clock: its timers, and the
 * outcome of work done off the loop (a proof-of-work step). Timers never act themselves (the host's
 * timer only enqueues); a stale timer is recognised by its generation and ignored, so nothing needs
 * cancelling. May be called from any thread.
 */
public interface Scheduler {
  void schedule(ConsensusEvent event, long atMillis);
}
