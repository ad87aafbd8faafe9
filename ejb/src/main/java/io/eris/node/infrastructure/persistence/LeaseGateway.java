package io.eris.node.infrastructure.persistence;

import io.eris.core.consensus.LeaderLease;
import io.eris.core.consensus.LeaseState;
import io.eris.core.crypto.Address;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.OptionalLong;

/**
 * Runs the lease operations outside the caller's JTA transaction, so each one commits on its own
 * (the reserved height must be durable before a block is signed, whatever happens to the block).
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LeaseGateway implements LeaderLease {
  private volatile JdbcLeaderLease lease;

  private JdbcLeaderLease lease() {
    JdbcLeaderLease l = lease;
    if (l == null) {
      l = JdbcLeaderLease.lookup();
      lease = l;
    }
    return l;
  }

  @Override
  public OptionalLong acquire(Address node, long nowMillis, long durationMillis) {
    return lease().acquire(node, nowMillis, durationMillis);
  }

  @Override
  public boolean reserveHeight(Address node, long epoch, long height, long nowMillis) {
    return lease().reserveHeight(node, epoch, height, nowMillis);
  }

  /** See {@link JdbcLeaderLease#renew}. */
  public boolean renew(Address node, long epoch, long durationMillis) {
    return lease().renew(node, epoch, durationMillis);
  }

  @Override
  public LeaseState read() {
    return lease().read();
  }
}
