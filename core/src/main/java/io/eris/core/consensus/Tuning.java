package io.eris.core.consensus;

import io.eris.core.model.Genesis;

/**
 * Node-local settings that are not chain parameters (those are in the genesis and governance).
 *
 * @param leaseMillis how long a taken or renewed leader lease lasts; a standby takes over this long
 *     after the holder's last renewal (default 2 T: the holder renews every T, so one late block
 *     does not hand the lease over, and a standby, which asks every lease/8, leads within about
 *     2.25 T of a crash)
 * @param maintenanceMillis period of housekeeping: tx expiry, outbox re-broadcast, sync retries
 * @param rebroadcastAfterMillis an own tx pending this long is broadcast again
 * @param mineStepMillis pause between two proof-of-work steps, so other events get their turn
 * @param mineAttemptsPerStep nonces tried per step
 * @param txExpiryMillis a pending tx expires after this long ...
 * @param txExpiryBlocks ... or after this many blocks, whichever comes first
 * @param maxClockSkewMillis how far in the future a block's timestamp may be
 * @param isolationBlocks the leader stops, and lets its lease lapse, when it has led this many
 *     heights past anything another validator voted for
 * @param maxUnfinalised the leader signs nothing while its head is more than this many blocks past
 *     its last final block
 * @param syncBatch blocks per sync reply
 * @param syncRetryMillis a sync request for the same target is repeated at most this often
 * @param syncGraceMillis a (re)starting leader leads after this long even if no peer answered
 * @param orphanCapacity blocks kept while their parent is fetched
 * @param mempoolCapacity transactions in the mempool
 * @param maxPendingPerSender transactions per sender in the mempool (the nonce window)
 * @param maxEvidence equivocation evidence kept in memory (the host stores all of it)
 */
public record Tuning(
    long leaseMillis,
    long maintenanceMillis,
    long rebroadcastAfterMillis,
    long mineStepMillis,
    long mineAttemptsPerStep,
    long txExpiryMillis,
    long txExpiryBlocks,
    long maxClockSkewMillis,
    int isolationBlocks,
    int maxUnfinalised,
    int syncBatch,
    long syncRetryMillis,
    long syncGraceMillis,
    int orphanCapacity,
    int mempoolCapacity,
    int maxPendingPerSender,
    int maxEvidence) {

  /** Settings scaled to the genesis timing, for a production node. */
  public static Tuning defaults(Genesis g) {
    long t = g.blockIntervalMs();
    return new Tuning(
        2 * t,
        2 * t,
        g.leaderTimeoutMs(),
        10,
        20_000,
        10 * 60_000,
        10_000,
        2_000,
        3,
        4,
        64,
        t,
        g.leaderTimeoutMs(),
        1024,
        100_000,
        64,
        1000);
  }

  public Tuning withMining(long stepMillis, long attemptsPerStep) {
    return new Tuning(
        leaseMillis,
        maintenanceMillis,
        rebroadcastAfterMillis,
        stepMillis,
        attemptsPerStep,
        txExpiryMillis,
        txExpiryBlocks,
        maxClockSkewMillis,
        isolationBlocks,
        maxUnfinalised,
        syncBatch,
        syncRetryMillis,
        syncGraceMillis,
        orphanCapacity,
        mempoolCapacity,
        maxPendingPerSender,
        maxEvidence);
  }

  public Tuning withTxExpiry(long millis, long blocks) {
    return new Tuning(
        leaseMillis,
        maintenanceMillis,
        rebroadcastAfterMillis,
        mineStepMillis,
        mineAttemptsPerStep,
        millis,
        blocks,
        maxClockSkewMillis,
        isolationBlocks,
        maxUnfinalised,
        syncBatch,
        syncRetryMillis,
        syncGraceMillis,
        orphanCapacity,
        mempoolCapacity,
        maxPendingPerSender,
        maxEvidence);
  }

  public Tuning withClockSkew(long millis) {
    return new Tuning(
        leaseMillis,
        maintenanceMillis,
        rebroadcastAfterMillis,
        mineStepMillis,
        mineAttemptsPerStep,
        txExpiryMillis,
        txExpiryBlocks,
        millis,
        isolationBlocks,
        maxUnfinalised,
        syncBatch,
        syncRetryMillis,
        syncGraceMillis,
        orphanCapacity,
        mempoolCapacity,
        maxPendingPerSender,
        maxEvidence);
  }
}
