package io.eris.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxTrackerTest {
  private final KeyPair alice = KeyPair.deterministic("alice");
  private final List<TxStatusUpdate> seen = new ArrayList<>();
  private final TxTracker tracker = new TxTracker(seen::add, 10_000, 5, 10);

  private Transaction tx(long nonce, String memo) {
    return Transaction.sign(
        alice,
        TestBlocks.CHAIN,
        nonce,
        TxKind.TRANSFER,
        new TransferBody(Address.of(alice.publicKey()), 1, memo).encode());
  }

  private Block blockWith(long height, BlockKind kind, Transaction... txs) {
    BlockHeader h =
        new BlockHeader(
            TestBlocks.CHAIN,
            height,
            Hash.ZERO,
            0,
            kind,
            alice.address(),
            0,
            Hash.ZERO,
            Hash.ZERO,
            txs.length,
            Hash.ZERO,
            height);
    return Block.sign(h, List.of(txs), alice);
  }

  private List<TxStatus> statuses() {
    return seen.stream().map(TxStatusUpdate::status).toList();
  }

  @Test
  void pendingIncludedFinal() {
    Transaction t = tx(1, "a");
    tracker.pending(t, 0, 0);
    Block b = blockWith(1, BlockKind.POW, t);
    tracker.applied(b);
    tracker.finalized(b);
    assertThat(statuses()).containsExactly(TxStatus.PENDING, TxStatus.INCLUDED, TxStatus.FINAL);
    assertThat(seen.get(1).mode()).isEqualTo(BlockKind.POW);
    assertThat(seen.get(2).block()).isEqualTo(b.hash());
    assertThat(tracker.tracked()).isZero();
  }

  @Test
  void anOrphanedBlockPutsItsTxsBackToPending() {
    Transaction t = tx(1, "a");
    tracker.pending(t, 0, 0);
    Block b = blockWith(1, BlockKind.LEADER, t);
    tracker.applied(b);
    tracker.undone(b, 50, 0);
    assertThat(statuses()).containsExactly(TxStatus.PENDING, TxStatus.INCLUDED, TxStatus.PENDING);
  }

  @Test
  void theRivalOfAFinalTxIsConflictedAndNamesTheWinner() {
    Transaction mine = tx(1, "mine");
    Transaction rival = tx(1, "rival");
    tracker.pending(mine, 0, 0);
    tracker.finalized(blockWith(1, BlockKind.LEADER, rival));
    assertThat(seen.get(seen.size() - 1))
        .isEqualTo(TxStatusUpdate.conflicted(mine.hash(), rival.hash()));
    assertThat(tracker.status(mine.hash())).isEmpty();
  }

  @Test
  void expiresAfterTheBlockDeadlineAndRevivesIfABlockCarriesItAfterAll() {
    Transaction t = tx(1, "late");
    tracker.pending(t, 0, 0);
    assertThat(tracker.expire(100, 5)).isEmpty();
    assertThat(tracker.expire(100, 6)).containsExactly(t);
    assertThat(tracker.status(t.hash())).contains(TxStatus.EXPIRED);
    tracker.finalized(blockWith(7, BlockKind.POW, t));
    assertThat(statuses()).containsExactly(TxStatus.PENDING, TxStatus.EXPIRED, TxStatus.FINAL);
  }

  @Test
  void expiresAfterTheTimeDeadline() {
    Transaction t = tx(1, "slow");
    tracker.pending(t, 0, 0);
    assertThat(tracker.expire(10_001, 0)).containsExactly(t);
  }
}
