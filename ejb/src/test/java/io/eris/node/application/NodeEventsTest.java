package io.eris.node.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NodeEventsTest {
  private final FakeTransactions transactions = new FakeTransactions();
  private final NodeEvents events = new NodeEvents();

  /** Records every batch it is given and the thread it was given on. */
  private static final class Recorder implements NodeEventListener {
    final List<List<NodeEvent>> batches = Collections.synchronizedList(new ArrayList<>());
    final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    volatile CountDownLatch hold = new CountDownLatch(0);

    @Override
    public void committed(List<NodeEvent> batch) {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      threads.add(Thread.currentThread());
      batches.add(batch);
    }

    List<NodeEvent> all() {
      synchronized (batches) {
        return batches.stream().flatMap(List::stream).toList();
      }
    }

    void awaitEvents(int n) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (all().size() < n && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      assertThat(all()).hasSizeGreaterThanOrEqualTo(n);
    }
  }

  NodeEventsTest() {
    events.transactions = transactions;
    events.threads = new PlainThreads();
  }

  @AfterEach
  void stop() {
    events.stop();
  }

  private static TxStatusView status(String name, String status) {
    return new TxStatusView(
        Hash.sha256(name.getBytes(StandardCharsets.UTF_8)).toHex(),
        status,
        null,
        null,
        "sender",
        1L,
        "WRITE",
        null,
        null,
        null,
        null);
  }

  private static NodeEvent tx(String name, String status) {
    return new NodeEvent.TxChanged(status(name, status));
  }

  @Test
  void theEventsOfOneTransactionArriveAfterItCommitsAsOneBatchInOrder() throws Exception {
    Recorder r = new Recorder();
    events.addListener(r);
    ChainRepository.Head head =
        new ChainRepository.Head(Hash.sha256(new byte[] {1}), 7, Hash.sha256(new byte[] {2}), 6);

    transactions.begin();
    events.tx(status("a", "PENDING"));
    events.head(head, "LEADER");
    events.tx(status("b", "FINAL"));
    Thread.sleep(50);
    assertThat(r.batches).as("nothing before the commit").isEmpty();
    transactions.commit();

    r.awaitEvents(3);
    assertThat(r.batches).hasSize(1);
    assertThat(r.batches.get(0))
        .containsExactly(
            tx("a", "PENDING"), new NodeEvent.HeadChanged(head, "LEADER"), tx("b", "FINAL"));
  }

  @Test
  void whatARolledBackTransactionRaisedIsNeverHeard() throws Exception {
    Recorder r = new Recorder();
    events.addListener(r);

    transactions.begin();
    events.tx(status("lost", "PENDING"));
    transactions.rollback();
    transactions.begin();
    events.tx(status("kept", "PENDING"));
    transactions.commit();

    r.awaitEvents(1);
    Thread.sleep(50);
    assertThat(r.all()).containsExactly(tx("kept", "PENDING"));
  }

  @Test
  @Timeout(30)
  void aListenerRunsOnItsOwnThreadAndASlowOneNeverHoldsTheCommitter() throws Exception {
    Recorder slow = new Recorder();
    Recorder quick = new Recorder();
    slow.hold = new CountDownLatch(1);
    events.addListener(slow);
    events.addListener(quick);

    // Were a commit to wait for the held listener, this thread would never get past it.
    for (String name : List.of("a", "b", "c")) {
      transactions.begin();
      events.tx(status(name, "PENDING"));
      transactions.commit();
    }
    quick.awaitEvents(3);
    assertThat(slow.batches).as("the slow listener is still held").isEmpty();

    slow.hold.countDown();
    slow.awaitEvents(3);
    List<NodeEvent> inOrder = List.of(tx("a", "PENDING"), tx("b", "PENDING"), tx("c", "PENDING"));
    assertThat(slow.all()).isEqualTo(inOrder);
    assertThat(quick.all()).isEqualTo(inOrder);
    assertThat(slow.threads).doesNotContain(Thread.currentThread());
    assertThat(quick.threads).doesNotContain(Thread.currentThread());
    assertThat(slow.threads.get(0)).isNotEqualTo(quick.threads.get(0));
  }

  @Test
  void outsideATransactionAnEventIsABatchOfItsOwn() throws Exception {
    Recorder r = new Recorder();
    events.addListener(r);
    events.tx(status("a", "EXPIRED"));
    r.awaitEvents(1);
    assertThat(r.batches).containsExactly(List.of(tx("a", "EXPIRED")));
  }

  @Test
  void aRemovedListenerHearsNothingMore() throws Exception {
    Recorder kept = new Recorder();
    Recorder removed = new Recorder();
    events.addListener(kept);
    events.addListener(removed);
    events.addListener(removed);
    events.removeListener(removed);
    events.tx(status("a", "PENDING"));
    kept.awaitEvents(1);
    Thread.sleep(50);
    assertThat(removed.batches).isEmpty();
    assertThat(kept.batches).hasSize(1);
  }
}
