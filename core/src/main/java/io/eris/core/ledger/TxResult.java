package io.eris.core.ledger;

import io.eris.core.model.Transaction;

/** One transaction's fate in an execution: OK (included) or why it was refused. */
public record TxResult(Transaction tx, Verdict verdict) {}
