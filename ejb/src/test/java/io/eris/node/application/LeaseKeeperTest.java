package io.eris.node.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.consensus.InMemoryLeaderLease;
import io.eris.core.consensus.LeaseState;
import io.eris.core.crypto.Address;
import io.eris.node.infrastructure.persistence.LeaseGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LeaseKeeperTest {
  private static final Address NODE = Address.wrap(new byte[Address.SIZE]);
  private static final long LEASE = 500;

  /** The in-memory lease of the core, plus a renew with the database's rule. */
  static final class FakeGateway extends LeaseGateway {
    final InMemoryLeaderLease lease = new InMemoryLeaderLease();
    final List<Long> renewals = new ArrayList<>();
    boolean holderStillValid = true;

    @Override
    public OptionalLong acquire(Address node, long nowMillis, long durationMillis) {
      return lease.acquire(node, nowMillis, durationMillis);
    }

    @Override
    public boolean renew(Address node, long epoch, long durationMillis) {
      LeaseState s = lease.read();
      renewals.add(epoch);
      return holderStillValid && node.equals(s.holder()) && epoch == s.epoch();
    }

    @Override
    public LeaseState read() {
      return lease.read();
    }
  }

  private final FakeGateway gateway = new FakeGateway();
  private final LeaseKeeper keeper = new LeaseKeeper(gateway, 2 * LEASE);

  @Test
  void renewsNothingBeforeTheCoreHoldsTheLease() {
    assertThat(keeper.keep(System.currentTimeMillis())).isFalse();
    assertThat(gateway.renewals).isEmpty();
  }

  @Test
  void renewsTheCoresLeaseUnderItsEpochWhileTheCoreRenewedRecently() {
    long now = System.currentTimeMillis();
    OptionalLong epoch = keeper.acquire(NODE, now, LEASE);
    assertThat(epoch).isPresent();
    assertThat(keeper.keep(now + LEASE)).isTrue();
    assertThat(keeper.keep(now + 2 * LEASE - 50)).isTrue();
    assertThat(gateway.renewals).containsOnly(epoch.getAsLong()).hasSize(2);
  }

  @Test
  void stopsOnceTheCoreHasNotRenewedForTheBridge() {
    long now = System.currentTimeMillis();
    keeper.acquire(NODE, now, LEASE);
    assertThat(keeper.keep(now + 2 * LEASE + 100)).isFalse();
    assertThat(gateway.renewals).isEmpty();
  }

  @Test
  void aLostLeaseIsNeverRenewedAgainUntilTheCoreTakesIt() {
    long now = System.currentTimeMillis();
    keeper.acquire(NODE, now, LEASE);
    gateway.holderStillValid = false;
    assertThat(keeper.keep(now + 10)).isFalse();
    assertThat(keeper.keep(now + 20)).isFalse();
    assertThat(gateway.renewals).hasSize(1);
  }

  @Test
  void aRefusedAcquireLeavesNothingToRenew() {
    long now = System.currentTimeMillis();
    Address other = Address.fromHex("01".repeat(Address.SIZE));
    gateway.lease.acquire(other, now, LEASE);
    assertThat(keeper.acquire(NODE, now, LEASE)).isEmpty();
    assertThat(keeper.keep(now + 10)).isFalse();
    assertThat(gateway.renewals).isEmpty();
  }

  @Test
  void aStoppedNodeRenewsNothing() {
    long now = System.currentTimeMillis();
    keeper.acquire(NODE, now, LEASE);
    keeper.release();
    assertThat(keeper.keep(now + 10)).isFalse();
  }
}
