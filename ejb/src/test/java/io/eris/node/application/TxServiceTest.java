package io.eris.node.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Ed25519;
import io.eris.core.crypto.Hash;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Transaction;
import io.eris.core.model.TxKind;
import io.eris.core.model.WriteBody;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TxServiceTest {
  private static final Hash CHAIN = Hash.sha256("chain".getBytes(StandardCharsets.UTF_8));

  /** The consensus host as the service sees it: a future per submission, completed by the test. */
  private static final class FakeHost extends ConsensusHost {
    final List<Transaction> submitted = new ArrayList<>();
    CompletableFuture<Verdict> next = new CompletableFuture<>();

    @Override
    public CompletableFuture<Verdict> submit(Transaction tx) {
      submitted.add(tx);
      return next;
    }
  }

  private static final class FakeRepository implements TxRepository {
    final Map<String, TxStatusView> rows = new HashMap<>();
    int lookups;

    @Override
    public Optional<TxStatusView> status(String hash) {
      lookups++;
      return Optional.ofNullable(rows.get(hash));
    }

    @Override
    public void accept(Transaction tx, Instant now) {
      throw new UnsupportedOperationException("the service never writes");
    }

    @Override
    public long pendingCount(String sender) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<TxStatusView> history(String sender, int max) {
      throw new UnsupportedOperationException();
    }
  }

  private final ExecutorService answerThread =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "answers"));
  private final FakeHost host = new FakeHost();
  private final FakeRepository rows = new FakeRepository();
  private final TxService service = new TxService();
  private final Transaction tx =
      Transaction.sign(
          Ed25519.generate(),
          CHAIN,
          1,
          TxKind.WRITE,
          new WriteBody(
                  "",
                  List.of(
                      WriteBody.Op.put(
                          "k".getBytes(StandardCharsets.UTF_8),
                          "v".getBytes(StandardCharsets.UTF_8))))
              .encode());

  TxServiceTest() {
    service.host = host;
    service.txs = rows;
    service.answers =
        new SubmitAnswers() {
          @Override
          public java.util.concurrent.Executor executor() {
            return answerThread;
          }
        };
  }

  @AfterEach
  void stop() {
    answerThread.shutdownNow();
  }

  private static TxStatusView await(CompletionStage<TxStatusView> answer) throws Exception {
    return answer.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void undecodableBytesAreRejectedAtOnceAndNeverReachTheNode() throws Exception {
    CompletionStage<TxStatusView> answer = service.submitAsync(null, new byte[] {1, 2, 3});
    assertThat(answer.toCompletableFuture()).isDone();
    assertThat(await(answer).status()).isEqualTo("REJECTED");
    assertThat(await(answer).code()).isEqualTo("UNKNOWN_TYPE");
    assertThat(host.submitted).isEmpty();
  }

  @Test
  void aVerdictGivenWithoutTheLoopIsAnsweredAtOnceWithItsCodeAndNoDatabaseRead() throws Exception {
    host.next =
        CompletableFuture.completedFuture(
            Verdict.reject(ErrorCode.BAD_SIGNATURE, "signature does not verify"));
    CompletionStage<TxStatusView> answer = service.submitAsync(null, tx.encode());
    assertThat(answer.toCompletableFuture()).isDone();
    TxStatusView v = await(answer);
    assertThat(v.status()).isEqualTo("REJECTED");
    assertThat(v.code()).isEqualTo("BAD_SIGNATURE");
    assertThat(v.hash()).isEqualTo(tx.hash().toHex());
    assertThat(rows.lookups).isZero();
  }

  @Test
  void pendingIsAnsweredOnlyOnceTheNodeHasStoredTheTxAndOffTheCompletingThread() throws Exception {
    CompletionStage<TxStatusView> answer = service.submitAsync(null, tx.encode());
    assertThat(answer.toCompletableFuture()).as("no answer before the batch commits").isNotDone();
    AtomicReference<String> answeredOn = new AtomicReference<>();
    CompletionStage<TxStatusView> seen =
        answer.thenApply(
            v -> {
              answeredOn.set(Thread.currentThread().getName());
              return v;
            });

    host.next.complete(Verdict.OK);

    TxStatusView v = await(seen);
    assertThat(v).isEqualTo(TxStatusView.pending(tx));
    assertThat(answeredOn.get()).isEqualTo("answers");
    assertThat(host.submitted).containsExactly(tx);
    assertThat(rows.lookups).isZero();
  }

  @Test
  void aResubmittedTxIsAnsweredWithItsRecordedStatus() throws Exception {
    TxStatusView recorded =
        new TxStatusView(
            tx.hash().toHex(),
            "FINAL",
            null,
            null,
            tx.sender().address().toHex(),
            1L,
            "WRITE",
            5L,
            Hash.sha256(new byte[] {5}).toHex(),
            "LEADER",
            null);
    rows.rows.put(tx.hash().toHex(), recorded);
    for (Verdict loop :
        List.of(ConsensusHost.KNOWN, Verdict.reject(ErrorCode.NONCE_USED, "nonce 1 used; at 1"))) {
      host.next = new CompletableFuture<>();
      CompletionStage<TxStatusView> answer = service.submitAsync(null, tx.encode());
      host.next.complete(loop);
      assertThat(await(answer)).isEqualTo(recorded);
    }
  }

  @Test
  void aRefusedTxTheNodeNeverRecordedIsRejectedWithTheNodesCode() throws Exception {
    CompletionStage<TxStatusView> answer = service.submitAsync(null, tx.encode());
    host.next.complete(Verdict.reject(ErrorCode.NONCE_USED, "nonce 1 used; account is at 3"));
    TxStatusView v = await(answer);
    assertThat(v.status()).isEqualTo("REJECTED");
    assertThat(v.code()).isEqualTo("NONCE_USED");
    assertThat(v.reason()).isEqualTo("nonce 1 used; account is at 3");
    assertThat(rows.lookups).isEqualTo(1);
  }

  @Test
  void noVerdictInTimeIsRejectedTimeout() throws Exception {
    service.timeoutMillis = 50;
    TxStatusView v = await(service.submitAsync(null, tx.encode()));
    assertThat(v.status()).isEqualTo("REJECTED");
    assertThat(v.code()).isEqualTo("TIMEOUT");
    assertThat(v.hash()).isEqualTo(tx.hash().toHex());
  }

  @Test
  void theWaitingVariantGivesTheSameAnswer() throws Exception {
    host.next.complete(Verdict.OK);
    assertThat(service.submit(null, tx.encode())).isEqualTo(TxStatusView.pending(tx));
  }
}
