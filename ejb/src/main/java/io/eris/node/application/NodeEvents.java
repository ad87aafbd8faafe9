package io.eris.node.application;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fans committed changes out to listeners. Events raised inside a transaction are collected and
 * handed over as one batch only after it commits, so nobody hears of a block or a status that was
 * rolled back. Each listener has a thread and a bounded queue of its own: the committing thread
 * (the consensus loop) only queues the batch and never waits for a listener's JMS or network
 * writes.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeEvents {
  private static final Logger LOG = Logger.getLogger(NodeEvents.class.getName());

  /** Committed batches a listener may be behind by; beyond that new batches are not queued. */
  static final int MAX_BEHIND = 10_000;

  /** Batches a listener that fell behind gets at once, as one list. */
  static final int MAX_MERGED = 64;

  private static final Object BATCH = new Object();

  @Resource TransactionSynchronizationRegistry transactions;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  private final CopyOnWriteArrayList<Delivery> deliveries = new CopyOnWriteArrayList<>();

  public synchronized void addListener(NodeEventListener l) {
    if (deliveries.stream().noneMatch(d -> d.listener == l)) {
      deliveries.add(new Delivery(l));
    }
  }

  public synchronized void removeListener(NodeEventListener l) {
    for (Delivery d : deliveries) {
      if (d.listener == l) {
        deliveries.remove(d);
        d.stop();
      }
    }
  }

  public void head(ChainRepository.Head head, String mode) {
    raise(new NodeEvent.HeadChanged(head, mode));
  }

  public void tx(TxStatusView status) {
    raise(new NodeEvent.TxChanged(status));
  }

  private void raise(NodeEvent event) {
    if (transactions.getTransactionKey() == null) {
      deliver(List.of(event));
      return;
    }
    @SuppressWarnings("unchecked")
    List<NodeEvent> batch = (List<NodeEvent>) transactions.getResource(BATCH);
    if (batch == null) {
      List<NodeEvent> events = new ArrayList<>();
      transactions.putResource(BATCH, events);
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              if (status == Status.STATUS_COMMITTED) {
                deliver(events);
              }
            }
          });
      batch = events;
    }
    batch.add(event);
  }

  private void deliver(List<NodeEvent> events) {
    List<NodeEvent> batch = List.copyOf(events);
    for (Delivery d : deliveries) {
      d.offer(batch);
    }
  }

  @PreDestroy
  synchronized void stop() {
    deliveries.forEach(Delivery::stop);
    deliveries.clear();
  }

  /** One listener's queue and thread. */
  private final class Delivery {
    final NodeEventListener listener;
    private final BlockingQueue<List<NodeEvent>> queue = new LinkedBlockingQueue<>(MAX_BEHIND);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean behind;

    Delivery(NodeEventListener listener) {
      this.listener = listener;
      this.thread = threads.newThread(this::run);
      thread.setName("eris-events-" + listener.getClass().getSimpleName());
      thread.start();
    }

    void offer(List<NodeEvent> batch) {
      if (queue.offer(batch)) {
        behind = false;
      } else if (!behind) {
        behind = true;
        LOG.warning(
            () ->
                listener.getClass().getSimpleName()
                    + " is "
                    + MAX_BEHIND
                    + " commits behind; its events are dropped until it catches up");
      }
    }

    private void run() {
      List<List<NodeEvent>> taken = new ArrayList<>(MAX_MERGED);
      while (running) {
        try {
          taken.add(queue.take());
        } catch (InterruptedException e) {
          return;
        }
        queue.drainTo(taken, MAX_MERGED - 1);
        List<NodeEvent> events = taken.size() == 1 ? taken.get(0) : merge(taken);
        taken.clear();
        try {
          listener.committed(events);
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "an event listener failed", e);
        }
      }
    }

    void stop() {
      running = false;
      thread.interrupt();
    }
  }

  private static List<NodeEvent> merge(List<List<NodeEvent>> batches) {
    List<NodeEvent> all = new ArrayList<>();
    batches.forEach(all::addAll);
    return all;
  }
}
