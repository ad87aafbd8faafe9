package io.eris.core.consensus;

import io.eris.core.crypto.Address;
import java.util.OptionalLong;

/**
 * Port: the leader lease, one row shared by the nodes holding the leader key (a PostgreSQL row
 * updated with compare-and-set in production). Only the holder signs LEADER blocks; the epoch is
 * the fencing token carried in their headers; the last signed height is raised BEFORE each
 * signature, so the key never signs two blocks at one height, whichever node holds it.
 */
public interface LeaderLease {
  /**
   * Takes the lease for {@code node} until {@code now + duration}, or renews it if {@code node}
   * holds it. The epoch grows by one whenever the lease is taken rather than renewed. Empty while
   * another node's lease is valid.
   */
  OptionalLong acquire(Address node, long nowMillis, long durationMillis);

  /**
   * Raises the last signed height to {@code height}, if {@code node} holds a valid lease of {@code
   * epoch} at {@code now} and {@code height} is above the last signed height; true if so.
   */
  boolean reserveHeight(Address node, long epoch, long height, long nowMillis);

  LeaseState read();
}
