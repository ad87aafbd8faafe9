package io.eris.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.KeyPair;
import org.junit.jupiter.api.Test;

class InMemoryLeaderLeaseTest {
  private final Address primary = KeyPair.deterministic("primary").address();
  private final Address standby = KeyPair.deterministic("standby").address();
  private final InMemoryLeaderLease lease = new InMemoryLeaderLease();

  @Test
  void onlyTheHolderMayReserveAndOnlyIncreasingHeights() {
    assertThat(lease.acquire(primary, 0, 300)).hasValue(1);
    assertThat(lease.acquire(standby, 100, 300)).isEmpty();
    assertThat(lease.reserveHeight(primary, 1, 1, 100)).isTrue();
    assertThat(lease.reserveHeight(primary, 1, 1, 100)).isFalse();
    assertThat(lease.reserveHeight(standby, 1, 2, 100)).isFalse();
    assertThat(lease.acquire(primary, 200, 300)).hasValue(1);
  }

  @Test
  void aLapsedLeaseGoesToTheStandbyWithAHigherEpochAndTheSignedHeightSurvives() {
    lease.acquire(primary, 0, 300);
    lease.reserveHeight(primary, 1, 7, 10);
    assertThat(lease.acquire(standby, 300, 300)).hasValue(2);
    assertThat(lease.reserveHeight(standby, 2, 7, 310)).isFalse();
    assertThat(lease.reserveHeight(standby, 2, 8, 310)).isTrue();
    assertThat(lease.reserveHeight(primary, 1, 9, 310)).isFalse();
    assertThat(lease.acquire(primary, 310, 300)).isEmpty();
    assertThat(lease.read().lastSignedHeight()).isEqualTo(8);
  }

  @Test
  void anExpiredHolderCannotReserve() {
    lease.acquire(primary, 0, 300);
    assertThat(lease.reserveHeight(primary, 1, 1, 300)).isFalse();
  }
}
