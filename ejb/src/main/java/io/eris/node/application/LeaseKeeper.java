package io.eris.node.application;

import io.eris.core.consensus.LeaderLease;
import io.eris.core.consensus.LeaseState;
import io.eris.core.crypto.Address;
import io.eris.node.infrastructure.persistence.LeaseGateway;
import java.util.OptionalLong;

/**
 * The leader lease as the consensus core uses it, plus a keeper that renews the lease the core
 * holds between the core's own renewals. The core renews on every block (every T), from its single
 * loop; under load a batch can hold the loop past the lease (2 T), the hot standby takes over
 * although the leader is alive, and the two trade the lease back and forth. The keeper renews from
 * a timer of its own (every lease/4), but only while the core renewed within the last {@code
 * bridgeMillis}: a leader whose core stops renewing (it holds back, isolated) still loses the lease
 * that much later, and a dead one as before, at most one lease after its last renewal. Renewing
 * never takes a lease, moves its epoch or its signed height, so fencing is unchanged.
 */
final class LeaseKeeper implements LeaderLease {
  private record Held(Address node, long epoch, long durationMillis, long atMillis) {}

  private final LeaseGateway gateway;
  private final long bridgeMillis;
  private volatile Held held;

  LeaseKeeper(LeaseGateway gateway, long bridgeMillis) {
    this.gateway = gateway;
    this.bridgeMillis = bridgeMillis;
  }

  @Override
  public OptionalLong acquire(Address node, long nowMillis, long durationMillis) {
    OptionalLong epoch = gateway.acquire(node, nowMillis, durationMillis);
    held =
        epoch.isPresent()
            ? new Held(node, epoch.getAsLong(), durationMillis, System.currentTimeMillis())
            : null;
    return epoch;
  }

  @Override
  public boolean reserveHeight(Address node, long epoch, long height, long nowMillis) {
    return gateway.reserveHeight(node, epoch, height, nowMillis);
  }

  @Override
  public LeaseState read() {
    return gateway.read();
  }

  /** Renews the lease the core holds, if it renewed it recently; true if it was renewed. */
  boolean keep(long nowMillis) {
    Held h = held;
    if (h == null || nowMillis - h.atMillis() > bridgeMillis) {
      return false;
    }
    try {
      if (gateway.renew(h.node(), h.epoch(), h.durationMillis())) {
        return true;
      }
    } catch (RuntimeException e) {
      // the database is away: the core's next acquire finds out
      return false;
    }
    if (held == h) {
      held = null; // lost (taken over after expiry): only the core takes it again
    }
    return false;
  }

  /** Stops renewing (the node stops). */
  void release() {
    held = null;
  }
}
