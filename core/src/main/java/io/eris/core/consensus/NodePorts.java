package io.eris.core.consensus;

/**
 * Everything a node does to the outside world, as ports the host implements (JMS, JPA, EJB timers,
 * the PostgreSQL lease row, SSE). The simulation implements them in memory.
 */
public record NodePorts(
    Transmitter transmitter,
    ChainStore store,
    VoteJournal journal,
    Outbox outbox,
    LeaderLease lease,
    Scheduler scheduler,
    TimeSource clock,
    PowWorker powWorker,
    TxStatusListener txListener,
    ChainObserver observer) {}
