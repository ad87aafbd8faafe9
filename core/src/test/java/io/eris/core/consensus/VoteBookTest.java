package io.eris.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.PublicKey;
import io.eris.core.model.Vote;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoteBookTest {
  private final KeyPair a = KeyPair.deterministic("a");
  private final KeyPair b = KeyPair.deterministic("b");
  private final KeyPair c = KeyPair.deterministic("c");
  private final KeyPair d = KeyPair.deterministic("d");
  private final ValidatorSet set =
      new ValidatorSet(
          Map.<PublicKey, Long>of(
              a.publicKey(), 1L, b.publicKey(), 1L, c.publicKey(), 1L, d.publicKey(), 1L),
          2,
          3);
  private final Hash x = Hash.sha256("x".getBytes());
  private final Hash y = Hash.sha256("y".getBytes());
  private final VoteBook book = new VoteBook(100);

  private Vote vote(KeyPair k, long height, Hash block) {
    return Vote.sign(k, TestBlocks.CHAIN, height, block);
  }

  @Test
  void threeOfFourEqualStakesReachTwoThirds() {
    book.add(vote(a, 5, x));
    book.add(vote(b, 5, x));
    assertThat(set.reachesThreshold(book.stakeFor(5, x, set))).isFalse();
    book.add(vote(c, 5, x));
    assertThat(set.reachesThreshold(book.stakeFor(5, x, set))).isTrue();
  }

  @Test
  void aRepeatedVoteIsADuplicate() {
    assertThat(book.add(vote(a, 5, x))).isEqualTo(VoteBook.Outcome.NEW);
    assertThat(book.add(vote(a, 5, x))).isEqualTo(VoteBook.Outcome.DUPLICATE);
    assertThat(book.stakeFor(5, x, set)).isEqualTo(1);
  }

  @Test
  void twoBlocksAtOneHeightByOneKeyAreEvidenceOnce() {
    book.add(vote(a, 5, x));
    assertThat(book.add(vote(a, 5, y))).isEqualTo(VoteBook.Outcome.EQUIVOCATION);
    assertThat(book.add(vote(a, 5, y))).isEqualTo(VoteBook.Outcome.DUPLICATE);
    assertThat(book.evidence()).hasSize(1);
    assertThat(book.evidence().get(0).voter()).isEqualTo(a.publicKey());
    assertThat(book.stakeFor(5, y, set)).isZero();
  }

  @Test
  void stakeAgainstExcludesABlockOnceTooMuchVotedElsewhere() {
    book.add(vote(a, 5, x));
    assertThat(set.excludes(book.stakeAgainst(5, y, set))).isFalse();
    book.add(vote(b, 5, x));
    assertThat(set.excludes(book.stakeAgainst(5, y, set))).isTrue();
    assertThat(book.stakeAgainst(5, x, set)).isZero();
  }

  @Test
  void anEquivocatorDoesNotCountAgainst() {
    book.add(vote(a, 5, x));
    book.add(vote(b, 5, x));
    book.add(vote(b, 5, y));
    assertThat(book.stakeAgainst(5, y, set)).isEqualTo(1);
  }

  @Test
  void pruningForgetsLowVotesButKeepsEvidence() {
    book.add(vote(a, 5, x));
    book.add(vote(a, 5, y));
    book.add(vote(a, 7, y));
    book.pruneBelow(6);
    assertThat(book.stakeFor(5, x, set)).isZero();
    assertThat(book.votesBetween(0, 10, 10)).hasSize(1);
    assertThat(book.evidence()).hasSize(1);
  }
}
