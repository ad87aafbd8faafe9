package io.eris.node.application;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Transaction;
import io.eris.node.infrastructure.config.NodeConfig;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Accepts signed transactions: decodes them strictly and hands them to the consensus node, which
 * checks them against the head state and stores an accepted one in the outbox before the caller
 * hears PENDING. Bad input is answered REJECTED with a stable code and changes nothing; what needs
 * no state (encoding, size, chain id, signature) is answered at once, without waiting for the
 * consensus loop. Resubmitting a transaction the node knows answers its recorded status.
 */
@Stateless
public class TxService {
  static final long SUBMIT_TIMEOUT_MS = 10_000;

  /** Stands for "no verdict within {@link #SUBMIT_TIMEOUT_MS}". */
  private static final Verdict TIMED_OUT =
      Verdict.reject(ErrorCode.MEMPOOL_FULL, "no verdict in time");

  /** Verdicts a transaction the node has recorded can never get: no need to look for its row. */
  private static final Set<ErrorCode> NEVER_RECORDED =
      EnumSet.of(
          ErrorCode.MESSAGE_TOO_LARGE,
          ErrorCode.WRONG_CHAIN,
          ErrorCode.BAD_SIGNATURE,
          ErrorCode.MEMPOOL_FULL);

  @Inject TxRepository txs;
  @EJB ConsensusHost host;
  @EJB SubmitAnswers answers;

  long timeoutMillis = SUBMIT_TIMEOUT_MS;

  /** Fetched once per bean instance: a business call per submission costs a container lock. */
  private Executor answerThreads;

  /**
   * Judges and, when acceptable, stores a transaction, and waits for the answer. Its own
   * transaction, so a caller's rollback (e.g. a redelivered JMS message) cannot undo an answer
   * already given.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public TxStatusView submit(NodeConfig config, byte[] bytes) {
    return submitAsync(config, bytes).toCompletableFuture().join();
  }

  /**
   * As {@link #submit}, without holding the caller's thread while the consensus loop commits: the
   * answer completes on one of {@link SubmitAnswers}' threads (or at once, for what needs no
   * state). After {@link #SUBMIT_TIMEOUT_MS} without a verdict it is REJECTED {@code TIMEOUT}.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public CompletionStage<TxStatusView> submitAsync(NodeConfig config, byte[] bytes) {
    Transaction tx;
    try {
      tx = Transaction.decode(bytes);
    } catch (CodecException e) {
      return CompletableFuture.completedFuture(
          TxStatusView.rejected(null, e.code().name(), e.getMessage()));
    }
    CompletableFuture<Verdict> verdict = host.submit(tx);
    if (verdict.isDone()) {
      return CompletableFuture.completedFuture(answer(tx, verdict.join()));
    }
    return verdict
        .completeOnTimeout(TIMED_OUT, timeoutMillis, TimeUnit.MILLISECONDS)
        .handleAsync(
            (v, failure) ->
                failure != null
                    ? TxStatusView.rejected(
                        tx.hash().toHex(), "INTERNAL", "the node could not judge the transaction")
                    : answer(tx, v),
            answerThreads());
  }

  private Executor answerThreads() {
    if (answerThreads == null) {
      answerThreads = answers.executor();
    }
    return answerThreads;
  }

  private TxStatusView answer(Transaction tx, Verdict v) {
    String hash = tx.hash().toHex();
    if (v == TIMED_OUT) {
      return TxStatusView.rejected(hash, "TIMEOUT", "the node did not answer in time");
    }
    if (v.isOk()) {
      return TxStatusView.pending(tx);
    }
    if (!NEVER_RECORDED.contains(v.code())) {
      Optional<TxStatusView> known = txs.status(hash);
      if (known.isPresent()) {
        return known.get();
      }
    }
    return TxStatusView.rejected(hash, v.code().name(), v.message());
  }

  public Optional<TxStatusView> status(String hash) {
    return txs.status(hash);
  }
}
