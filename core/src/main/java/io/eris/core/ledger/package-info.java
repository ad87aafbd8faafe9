/**
 * The ledger rules: the state layout in the state tree ({@link io.eris.core.ledger.StateKeys}), a
 * read view at a state root ({@link io.eris.core.ledger.LedgerState}), transaction admission
 * ({@link io.eris.core.ledger.TxValidator}), block execution ({@link
 * io.eris.core.ledger.BlockExecutor}), block validation ({@link
 * io.eris.core.ledger.BlockValidator}), block building ({@link io.eris.core.ledger.BlockProducer})
 * from the {@link io.eris.core.ledger.Mempool}, proof of work ({@link io.eris.core.ledger.Miner}),
 * governance and Bitcoin anchors. Plain Java, no I/O: the host persists what it is handed.
 */
package io.eris.core.ledger;
