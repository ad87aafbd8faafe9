package io.eris.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EpochFenceTest {
  @Test
  void aNewEpochFencesOnlyFromItsFirstHeightOn() {
    EpochFence fence = new EpochFence();
    fence.record(1, 1);
    fence.record(1, 40);
    fence.record(2, 61);
    assertThat(fence.minEpochAt(60)).isEqualTo(1);
    assertThat(fence.minEpochAt(61)).isEqualTo(2);
    assertThat(fence.minEpochAt(500)).isEqualTo(2);
    assertThat(fence.minEpochAt(0)).isZero();
    fence.record(2, 55);
    assertThat(fence.minEpochAt(58)).isEqualTo(2);
  }
}
