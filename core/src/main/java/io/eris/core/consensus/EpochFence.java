package io.eris.core.consensus;

import java.util.Map;
import java.util.TreeMap;

/**
 * Fencing of stale leaders. A lease holder signs only heights above every height signed before
 * under any epoch, so once a LEADER block of epoch {@code e} is seen at height {@code h}, no honest
 * LEADER block at height {@code h} or above carries an epoch below {@code e}. Blocks from before
 * the takeover (lower heights) stay acceptable, which a chain synced from scratch needs.
 */
final class EpochFence {
  private final TreeMap<Long, Long> firstHeightOfEpoch = new TreeMap<>();

  void record(long epoch, long height) {
    firstHeightOfEpoch.merge(epoch, height, Math::min);
  }

  /** The lowest epoch a LEADER block at {@code height} may carry. */
  long minEpochAt(long height) {
    for (Map.Entry<Long, Long> e : firstHeightOfEpoch.descendingMap().entrySet()) {
      if (e.getValue() <= height) {
        return e.getKey();
      }
    }
    return 0;
  }
}
