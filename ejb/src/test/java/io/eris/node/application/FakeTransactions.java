package io.eris.node.application;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A transaction registry for one thread: begin, then commit or roll back. */
final class FakeTransactions implements TransactionSynchronizationRegistry {
  private Object key;
  private final Map<Object, Object> resources = new HashMap<>();
  private final List<Synchronization> synchronizations = new ArrayList<>();

  void begin() {
    key = new Object();
  }

  void commit() {
    end(Status.STATUS_COMMITTED);
  }

  void rollback() {
    end(Status.STATUS_ROLLEDBACK);
  }

  private void end(int status) {
    key = null;
    resources.clear();
    List<Synchronization> all = List.copyOf(synchronizations);
    synchronizations.clear();
    all.forEach(s -> s.afterCompletion(status));
  }

  @Override
  public Object getTransactionKey() {
    return key;
  }

  @Override
  public void putResource(Object k, Object value) {
    resources.put(k, value);
  }

  @Override
  public Object getResource(Object k) {
    return resources.get(k);
  }

  @Override
  public void registerInterposedSynchronization(Synchronization sync) {
    synchronizations.add(sync);
  }

  @Override
  public int getTransactionStatus() {
    return key == null ? Status.STATUS_NO_TRANSACTION : Status.STATUS_ACTIVE;
  }

  @Override
  public void setRollbackOnly() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean getRollbackOnly() {
    return false;
  }
}
