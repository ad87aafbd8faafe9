package io.eris.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Transaction;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LedgerPropertiesTest {
  private static final List<KeyPair> PEOPLE =
      List.of(TestChain.ALICE, TestChain.BOB, TestChain.CAROL);

  /** A transfer or a write by one of three accounts: (kind, from, to, amount or key). */
  record Op(int kind, int from, int to, int amount) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(1, 700))
        .as(Op::new)
        .list()
        .ofMaxSize(40);
  }

  /** Signed txs for the ops, each sender's nonces consecutive (some will fail: overspend). */
  private static List<Transaction> txs(TestChain chain, List<Op> ops) {
    long[] nonces = new long[PEOPLE.size()];
    List<Transaction> out = new ArrayList<>();
    for (Op op : ops) {
      KeyPair from = PEOPLE.get(op.from());
      long nonce = ++nonces[op.from()];
      out.add(
          op.kind() == 0
              ? chain.write(from, nonce, "", "k" + op.amount() % 5, "v" + op.to())
              : chain.transfer(from, nonce, PEOPLE.get(op.to()), op.amount()));
    }
    return out;
  }

  @Property(tries = 60)
  void sameTxsOnTheSameParentGiveTheSameRoot(@ForAll("ops") List<Op> ops) {
    TestChain a = new TestChain();
    TestChain b = new TestChain();
    ExecutionResult ra = a.executor.executeSkipping(a.tip().stateRoot(), 1, txs(a, ops), 5000, a);
    ExecutionResult rb = b.executor.executeSkipping(b.tip().stateRoot(), 1, txs(b, ops), 5000, b);
    assertThat(ra.stateRoot()).isEqualTo(rb.stateRoot());
    assertThat(ra.txRoot()).isEqualTo(rb.txRoot());
    assertThat(ra.included()).isEqualTo(rb.included());
    // and strict re-execution of what the builder included reproduces the root
    ExecutionResult again = a.executor.execute(a.tip().stateRoot(), 1, ra.included(), a);
    assertThat(again.isOk()).isTrue();
    assertThat(again.stateRoot()).isEqualTo(ra.stateRoot());
  }

  @Property(tries = 60)
  void transfersConserveTheTotalBalance(@ForAll("ops") List<Op> ops) {
    TestChain chain = new TestChain();
    long before = total(chain.head());
    ExecutionResult r =
        chain.executor.executeSkipping(chain.tip().stateRoot(), 1, txs(chain, ops), 5000, chain);
    chain.store.putAll(r.newNodes());
    LedgerState after = LedgerState.at(chain.store, r.stateRoot());
    assertThat(total(after)).isEqualTo(before);
    for (KeyPair k : PEOPLE) {
      assertThat(after.balance(k.address())).isNotNegative();
    }
  }

  private static long total(LedgerState s) {
    long sum = 0;
    for (KeyPair k : PEOPLE) {
      sum += s.balance(k.address());
    }
    return sum;
  }
}
