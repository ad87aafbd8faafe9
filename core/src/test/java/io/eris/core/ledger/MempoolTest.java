package io.eris.core.ledger;

import static io.eris.core.ledger.TestChain.ALICE;
import static io.eris.core.ledger.TestChain.BOB;
import static io.eris.core.ledger.TestChain.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.codec.ErrorCode;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class MempoolTest {
  private final TestChain chain = new TestChain();
  private final Mempool pool = new Mempool(100, 10);

  private Verdict add(Transaction tx) {
    return pool.add(tx, chain.head().nonce(tx.sender().address()));
  }

  @Test
  void duplicatesAreRefused() {
    Transaction tx = chain.transfer(ALICE, 1, BOB, 1);
    assertThat(add(tx)).isEqualTo(Verdict.OK);
    assertThat(add(tx).code()).isEqualTo(ErrorCode.DUPLICATE);
    assertThat(add(chain.transfer(ALICE, 1, CAROL, 1)).code()).isEqualTo(ErrorCode.DUPLICATE);
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void usedNoncesAreRefused() {
    chain.leaderBlock(chain.transfer(ALICE, 1, BOB, 1));
    assertThat(add(chain.transfer(ALICE, 1, CAROL, 1)).code()).isEqualTo(ErrorCode.NONCE_USED);
  }

  @Test
  void theMempoolIsBounded() {
    Mempool small = new Mempool(3, 2);
    assertThat(small.add(chain.transfer(ALICE, 1, BOB, 1), 0)).isEqualTo(Verdict.OK);
    assertThat(small.add(chain.transfer(ALICE, 2, BOB, 1), 0)).isEqualTo(Verdict.OK);
    assertThat(small.add(chain.transfer(ALICE, 3, BOB, 1), 0).code())
        .isEqualTo(ErrorCode.MEMPOOL_FULL);
    assertThat(small.add(chain.transfer(BOB, 1, ALICE, 1), 0)).isEqualTo(Verdict.OK);
    assertThat(small.add(chain.transfer(CAROL, 1, ALICE, 1), 0).code())
        .isEqualTo(ErrorCode.MEMPOOL_FULL);
  }

  @Test
  void selectionRespectsNonceOrderAndStopsAtGaps() {
    Transaction a2 = chain.transfer(ALICE, 2, BOB, 1);
    Transaction b1 = chain.transfer(BOB, 1, ALICE, 1);
    Transaction a1 = chain.transfer(ALICE, 1, BOB, 1);
    Transaction a4 = chain.transfer(ALICE, 4, BOB, 1);
    Transaction c2 = chain.transfer(CAROL, 2, BOB, 1);
    for (Transaction tx : List.of(a2, b1, a1, a4, c2)) {
      assertThat(add(tx)).isEqualTo(Verdict.OK);
    }
    List<Transaction> selected = pool.select(chain.head(), 10);
    // Alice's run is 1, 2 (4 waits for 3); Carol's 2 waits for 1; by arrival: b1 before a1
    assertThat(selected).containsExactly(b1, a1, a2);
    assertThat(pool.select(chain.head(), 2)).containsExactly(b1, a1);
  }

  @Test
  void includedTxsLeaveAndOrphansComeBackUnlessTheirNonceIsUsed() {
    Transaction a1 = chain.transfer(ALICE, 1, BOB, 1);
    Transaction a2 = chain.transfer(ALICE, 2, BOB, 1);
    Transaction b1 = chain.transfer(BOB, 1, ALICE, 1);
    add(a1);
    add(a2);
    add(b1);
    Block block = chain.leaderBlock(pool.select(chain.head(), 10).toArray(new Transaction[0]));
    pool.removeIncluded(block.txs(), chain.head());
    assertThat(pool.size()).isZero();

    // a reorganisation: the block is orphaned; on the new head Alice's nonce 1 is used by
    // another tx, Bob's is not
    TestChain other = new TestChain();
    other.leaderBlock(other.transfer(ALICE, 1, CAROL, 7));
    List<Transaction> back = pool.reinject(block.txs(), other.head());
    assertThat(back).containsExactlyInAnyOrder(a2, b1);
    assertThat(pool.select(other.head(), 10)).containsExactly(a2, b1);
  }

  @Test
  void staleTxsAreDropped() {
    Transaction a1 = chain.transfer(ALICE, 1, BOB, 1);
    add(a1);
    add(chain.transfer(ALICE, 2, BOB, 1));
    chain.leaderBlock(chain.transfer(ALICE, 1, CAROL, 3));
    assertThat(pool.removeStale(chain.head())).containsExactly(a1);
    assertThat(pool.pending(ALICE.address())).hasSize(1);
    assertThat(pool.contains(a1.hash())).isFalse();
  }

  @Test
  void theBuilderSkipsFailingTxsAndKeepsSenderOrder() {
    Transaction a1 = chain.transfer(ALICE, 1, BOB, 2000);
    Transaction a2 = chain.transfer(ALICE, 2, BOB, 1);
    Transaction b1 = chain.transfer(BOB, 1, CAROL, 1);
    for (Transaction tx : List.of(a1, a2, b1)) {
      add(tx);
    }
    BlockProducer.Produced p =
        chain.producer.leaderBlock(
            chain.tip(),
            pool.select(chain.head(), 10),
            chain.tip().timestampMillis() + TestChain.T,
            1,
            TestChain.LEADER,
            chain);
    assertThat(p.block().txs()).containsExactly(b1);
    assertThat(p.execution().skipped())
        .extracting(r -> r.verdict().code())
        .containsExactly(ErrorCode.INSUFFICIENT_BALANCE, ErrorCode.BAD_NONCE);
    chain.append(p.block());
  }
}
