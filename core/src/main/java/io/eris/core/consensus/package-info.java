/**
 * The consensus core: a node as an event-driven state machine ({@link
 * io.eris.core.consensus.ConsensusNode}) over the ledger rules, with every effect behind a port the
 * host implements ({@link io.eris.core.consensus.Transmitter}, {@link
 * io.eris.core.consensus.ChainStore}, {@link io.eris.core.consensus.VoteJournal}, {@link
 * io.eris.core.consensus.Outbox}, {@link io.eris.core.consensus.LeaderLease}, {@link
 * io.eris.core.consensus.Scheduler}, {@link io.eris.core.consensus.TimeSource}, {@link
 * io.eris.core.consensus.PowWorker}, {@link io.eris.core.consensus.TxStatusListener}, {@link
 * io.eris.core.consensus.ChainObserver}). Inside: the block tree and fork choice, votes and
 * finality with vote locks, the leader's duty under the lease, the proof-of-work fallback, sync,
 * and transaction lifecycle tracking. No threads, no I/O, no clock of its own.
 */
package io.eris.core.consensus;
