package io.eris.node.application;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fans committed changes out to listeners. Events raised inside a transaction are delivered only
 * after it commits, so nobody hears of a block or a status that was rolled back.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeEvents {
  private static final Logger LOG = Logger.getLogger(NodeEvents.class.getName());

  @Resource TransactionSynchronizationRegistry transactions;

  private final CopyOnWriteArrayList<NodeEventListener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(NodeEventListener l) {
    listeners.addIfAbsent(l);
  }

  public void removeListener(NodeEventListener l) {
    listeners.remove(l);
  }

  public void head(ChainRepository.Head head, String mode) {
    afterCommit(() -> listeners.forEach(l -> l.head(head, mode)));
  }

  public void tx(TxStatusView status) {
    afterCommit(() -> listeners.forEach(l -> l.tx(status)));
  }

  private void afterCommit(Runnable action) {
    Runnable safe =
        () -> {
          try {
            action.run();
          } catch (RuntimeException e) {
            LOG.log(Level.FINE, "an event listener failed", e);
          }
        };
    if (transactions.getTransactionKey() == null) {
      safe.run();
      return;
    }
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              safe.run();
            }
          }
        });
  }
}
