package io.eris.core.consensus;

/**
 * Port: puts a timer event on the node's event queue at a time of the node's clock. Timers never
 * act themselves (the host's EJB timer only enqueues); a stale timer is recognised by its
 * generation and ignored, so nothing needs cancelling.
 */
public interface Scheduler {
  void schedule(ConsensusEvent.TimerFired event, long atMillis);
}
