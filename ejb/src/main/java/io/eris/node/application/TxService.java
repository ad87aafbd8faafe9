package io.eris.node.application;

import io.eris.core.codec.CodecException;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Transaction;
import io.eris.node.infrastructure.config.NodeConfig;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Accepts signed transactions: decodes them strictly and hands them to the consensus node, which
 * checks them against the head state and stores an accepted one in the outbox before the caller
 * hears PENDING. Bad input is answered REJECTED with a stable code and changes nothing.
 */
@Stateless
public class TxService {
  static final long SUBMIT_TIMEOUT_MS = 10_000;

  @Inject TxRepository txs;
  @EJB ConsensusHost host;

  /**
   * Judges and, when acceptable, stores a transaction. Its own transaction, so a caller's rollback
   * (e.g. a redelivered JMS message) cannot undo an answer already given.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public TxStatusView submit(NodeConfig config, byte[] bytes) {
    Transaction tx;
    try {
      tx = Transaction.decode(bytes);
    } catch (CodecException e) {
      return TxStatusView.rejected(null, e.code().name(), e.getMessage());
    }
    String hash = tx.hash().toHex();
    Optional<TxStatusView> known = txs.status(hash);
    if (known.isPresent()) {
      return known.get();
    }
    Verdict verdict;
    try {
      verdict = host.submit(tx).get(SUBMIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return TxStatusView.rejected(hash, "TIMEOUT", "the node did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TxStatusView.rejected(hash, "TIMEOUT", "interrupted");
    } catch (ExecutionException e) {
      return TxStatusView.rejected(hash, "INTERNAL", "the node could not judge the transaction");
    }
    if (!verdict.isOk()) {
      return TxStatusView.rejected(hash, verdict.code().name(), verdict.message());
    }
    return TxStatusView.pending(tx);
  }

  public Optional<TxStatusView> status(String hash) {
    return txs.status(hash);
  }
}
