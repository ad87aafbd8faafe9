package io.eris.core.consensus;

import io.eris.core.crypto.Address;
import java.util.OptionalLong;

/**
 * The lease row in memory, for the simulation and the embedded single-node chain. Each method is
 * one compare-and-set on the row, as the PostgreSQL implementation does with one UPDATE ... WHERE.
 */
public final class InMemoryLeaderLease implements LeaderLease {
  private LeaseState row = new LeaseState(null, 0, 0, 0);

  @Override
  public synchronized OptionalLong acquire(Address node, long nowMillis, long durationMillis) {
    boolean mine = node.equals(row.holder()) && nowMillis < row.expiresAtMillis();
    boolean free = row.holder() == null || nowMillis >= row.expiresAtMillis();
    if (!mine && !free) {
      return OptionalLong.empty();
    }
    long epoch = mine ? row.epoch() : row.epoch() + 1;
    row = new LeaseState(node, epoch, nowMillis + durationMillis, row.lastSignedHeight());
    return OptionalLong.of(epoch);
  }

  @Override
  public synchronized boolean reserveHeight(Address node, long epoch, long height, long nowMillis) {
    if (!node.equals(row.holder())
        || row.epoch() != epoch
        || nowMillis >= row.expiresAtMillis()
        || height <= row.lastSignedHeight()) {
      return false;
    }
    row = new LeaseState(node, epoch, row.expiresAtMillis(), height);
    return true;
  }

  @Override
  public synchronized LeaseState read() {
    return row;
  }
}
