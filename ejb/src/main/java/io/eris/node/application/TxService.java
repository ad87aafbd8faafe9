package io.eris.node.application;

import io.eris.core.codec.CodecException;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.TxValidator;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.node.application.ChainRepository.Head;
import io.eris.node.infrastructure.config.NodeConfig;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Accepts signed transactions: decodes them strictly, checks them against the head state, and
 * stores an accepted one as PENDING in the outbox before anyone hears "accepted". Bad input is
 * answered REJECTED with a stable code and changes nothing.
 */
@Stateless
public class TxService {
  @Inject ChainRepository chain;
  @Inject TxRepository txs;
  @EJB LedgerRules rules;
  @EJB TxPool pool;
  @EJB NodeEvents events;
  @Resource SessionContext context;

  private final Clock clock = Clock.systemUTC();

  /**
   * Judges and, when acceptable, stores a transaction. Its own transaction, so a caller's rollback
   * (e.g. a redelivered JMS message) cannot undo an answer already given.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
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
    Head head = chain.head();
    Block parent = chain.byHash(head.hash()).orElseThrow();
    LedgerState state = LedgerState.at(chain.stateNodes(), parent.header().stateRoot());
    var executor = rules.executor(config.genesis().chainId(), chain.stateNodes());
    Verdict verdict =
        new TxValidator(executor).admit(tx, state, head.height() + 1, ChainService.history(chain));
    if (!verdict.isOk()) {
      return TxStatusView.rejected(hash, verdict.code().name(), verdict.message());
    }
    txs.accept(tx, clock.instant());
    Verdict pooled = pool.mempool().add(tx, state.nonce(tx.sender().address()));
    if (!pooled.isOk()) {
      context.setRollbackOnly();
      return TxStatusView.rejected(hash, pooled.code().name(), pooled.message());
    }
    TxStatusView pending = txs.status(hash).orElseThrow();
    events.tx(pending);
    return pending;
  }

  public Optional<TxStatusView> status(String hash) {
    return txs.status(hash);
  }

  /** Puts the outbox back into the mempool when the node starts: nothing accepted is lost. */
  public int reloadOutbox(NodeConfig config) {
    Head head = chain.head();
    Block parent = chain.byHash(head.hash()).orElseThrow();
    LedgerState state = LedgerState.at(chain.stateNodes(), parent.header().stateRoot());
    int n = 0;
    for (Transaction tx : txs.outbox()) {
      if (pool.mempool().add(tx, state.nonce(tx.sender().address())).isOk()) {
        n++;
      }
    }
    return n;
  }
}
