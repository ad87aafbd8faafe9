package io.eris.core.ledger;

import static io.eris.core.ledger.TestChain.ALICE;
import static io.eris.core.ledger.TestChain.BOB;
import static io.eris.core.ledger.TestChain.CAROL;
import static io.eris.core.ledger.TestChain.STRANGER;
import static io.eris.core.ledger.TestChain.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import io.eris.core.model.WriteBody;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxRulesTest {
  private final TestChain chain = new TestChain();

  private Verdict admit(Transaction tx) {
    return chain.txValidator.admit(tx, chain.head(), chain.nextHeight(), chain);
  }

  private Verdict executeAlone(Transaction tx) {
    return chain
        .executor
        .execute(chain.tip().stateRoot(), chain.nextHeight(), List.of(tx), chain)
        .verdict();
  }

  @Test
  void aValidWriteIsAdmittedAndExecuted() {
    Transaction tx = chain.write(ALICE, 1, "", "k", "v");
    assertThat(admit(tx)).isEqualTo(Verdict.OK);
    chain.leaderBlock(tx);
    assertThat(chain.head().kvGet(ALICE.address().toHex(), bytes("k"))).contains(bytes("v"));
    assertThat(chain.head().nonce(ALICE.address())).isEqualTo(1);
  }

  @Test
  void forgedSignatureIsRefused() {
    Transaction good = chain.write(ALICE, 1, "", "k", "v");
    byte[] enc = good.encode();
    enc[enc.length - 1] ^= 1;
    Transaction forged = Transaction.decode(enc);
    assertThat(admit(forged).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
    assertThat(executeAlone(forged).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void theStatelessCheckGivesAdmissionsVerdictForSignatureAndChainAndPassesTheRest() {
    Transaction good = chain.write(ALICE, 1, "", "k", "v");
    byte[] enc = good.encode();
    enc[enc.length - 1] ^= 1;
    Transaction forged = Transaction.decode(enc);
    Transaction otherChain =
        Transaction.sign(
            ALICE,
            Hash.sha256(bytes("other chain")),
            1,
            TxKind.WRITE,
            new WriteBody("", List.of(WriteBody.Op.put(bytes("k"), bytes("v")))).encode());
    Transaction usedNonce = chain.write(ALICE, 0, "", "k", "v");
    Transaction unknownSender = chain.write(STRANGER, 1, "", "k", "v");

    for (Transaction bad : List.of(forged, otherChain)) {
      assertThat(TxValidator.stateless(bad, chain.chainId, chain.signatures)).isEqualTo(admit(bad));
    }
    for (Transaction stateful : List.of(good, usedNonce, unknownSender)) {
      assertThat(TxValidator.stateless(stateful, chain.chainId, chain.signatures))
          .isEqualTo(Verdict.OK);
    }
    assertThat(admit(usedNonce).code()).isEqualTo(ErrorCode.NONCE_USED);
    assertThat(admit(unknownSender).code()).isEqualTo(ErrorCode.UNKNOWN_SENDER);
  }

  @Test
  void aSignatureCheckedStatelesslyIsNotVerifiedAgainOnAdmission() {
    Transaction tx = chain.write(ALICE, 1, "", "k", "v");
    int before = chain.signatures.size();
    assertThat(TxValidator.stateless(tx, chain.chainId, chain.signatures)).isEqualTo(Verdict.OK);
    assertThat(chain.signatures.size()).isEqualTo(before + 1);
    assertThat(admit(tx)).isEqualTo(Verdict.OK);
    assertThat(chain.signatures.size()).isEqualTo(before + 1);
  }

  @Test
  void signatureOfAnotherKeyIsRefused() {
    // Mallory signs a tx that claims to come from Alice: same payload, Mallory's signature.
    Transaction byMallory = chain.write(STRANGER, 1, "", "k", "v");
    Transaction asAlice = chain.write(ALICE, 1, "", "k", "v");
    byte[] enc = asAlice.encode();
    System.arraycopy(byMallory.signature(), 0, enc, enc.length - 64, 64);
    assertThat(admit(Transaction.decode(enc)).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void wrongChainIsRefused() {
    Transaction tx =
        Transaction.sign(
            ALICE,
            Hash.sha256(bytes("other chain")),
            1,
            TxKind.WRITE,
            new WriteBody("", List.of(WriteBody.Op.put(bytes("k"), bytes("v")))).encode());
    assertThat(admit(tx).code()).isEqualTo(ErrorCode.WRONG_CHAIN);
    assertThat(executeAlone(tx).code()).isEqualTo(ErrorCode.WRONG_CHAIN);
  }

  @Test
  void replayedTxIsRefused() {
    Transaction tx = chain.transfer(ALICE, 1, BOB, 10);
    chain.leaderBlock(tx);
    assertThat(admit(tx).code()).isEqualTo(ErrorCode.NONCE_USED);
    assertThat(executeAlone(tx).code()).isEqualTo(ErrorCode.NONCE_USED);
    // a different tx re-using the nonce is refused too
    assertThat(admit(chain.transfer(ALICE, 1, CAROL, 5)).code()).isEqualTo(ErrorCode.NONCE_USED);
  }

  @Test
  void sameNonceTwiceInOneBlockIsRefused() {
    Transaction a = chain.transfer(ALICE, 1, BOB, 10);
    Transaction b = chain.transfer(ALICE, 1, CAROL, 10);
    ExecutionResult r = chain.executor.execute(chain.tip().stateRoot(), 1, List.of(a, b), chain);
    assertThat(r.verdict().code()).isEqualTo(ErrorCode.NONCE_USED);
    assertThat(r.failedIndex()).isEqualTo(1);
  }

  @Test
  void nonceGapIsRefusedAtExecutionButAdmittedWithinTheWindow() {
    Transaction gap = chain.transfer(ALICE, 3, BOB, 10);
    assertThat(executeAlone(gap).code()).isEqualTo(ErrorCode.BAD_NONCE);
    assertThat(admit(gap)).isEqualTo(Verdict.OK);
    assertThat(chain.txValidator.check(gap, chain.head(), 1, chain).code())
        .isEqualTo(ErrorCode.BAD_NONCE);
    Transaction far = chain.transfer(ALICE, Ledger.DEFAULT_NONCE_WINDOW + 1, BOB, 10);
    assertThat(admit(far).code()).isEqualTo(ErrorCode.BAD_NONCE);
  }

  @Test
  void overspendIsRefused() {
    assertThat(admit(chain.transfer(BOB, 1, ALICE, 501)).code())
        .isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(admit(chain.transfer(BOB, 1, ALICE, 500))).isEqualTo(Verdict.OK);
    // two transfers that each fit but not together: the second fails in the block
    ExecutionResult r =
        chain.executor.execute(
            chain.tip().stateRoot(),
            1,
            List.of(chain.transfer(BOB, 1, ALICE, 300), chain.transfer(BOB, 2, ALICE, 300)),
            chain);
    assertThat(r.verdict().code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
  }

  @Test
  void transferMovesBalance() {
    chain.leaderBlock(chain.transfer(ALICE, 1, CAROL, 400));
    assertThat(chain.head().balance(ALICE.address())).isEqualTo(600);
    assertThat(chain.head().balance(CAROL.address())).isEqualTo(400);
  }

  @Test
  void transferToUnknownAccountIsRefused() {
    assertThat(admit(chain.transfer(ALICE, 1, STRANGER, 1)).code())
        .isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
  }

  @Test
  void unknownSenderIsRefused() {
    assertThat(admit(chain.write(STRANGER, 1, "", "k", "v")).code())
        .isEqualTo(ErrorCode.UNKNOWN_SENDER);
  }

  @Test
  void writeToAnotherAccountsNamespaceIsForbidden() {
    Transaction tx = chain.write(BOB, 1, ALICE.address().toHex(), "k", "v");
    assertThat(admit(tx).code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(executeAlone(tx).code()).isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void sharedNamespaceNeedsTheWriterRole() {
    assertThat(admit(chain.write(BOB, 1, "shared", "k", "v")).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    Transaction ok = chain.write(ALICE, 1, "shared", "k", "v");
    assertThat(admit(ok)).isEqualTo(Verdict.OK);
    chain.leaderBlock(ok);
    assertThat(chain.head().kvGet("shared", bytes("k"))).contains(bytes("v"));
    assertThat(admit(chain.write(ALICE, 2, "other", "k", "v")).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void explicitOwnNamespaceEqualsTheDefault() {
    chain.leaderBlock(chain.write(BOB, 1, BOB.address().toHex(), "a", "1"));
    chain.leaderBlock(
        chain.tx(
            BOB,
            2,
            TxKind.WRITE,
            new WriteBody("", List.of(WriteBody.Op.delete(bytes("a")))).encode()));
    assertThat(chain.head().kvGet(BOB.address().toHex(), bytes("a"))).isEmpty();
  }

  @Test
  void malformedBodiesAreRefused() {
    Transaction garbage = chain.tx(ALICE, 1, TxKind.WRITE, new byte[] {1, 2, 3});
    assertThat(admit(garbage).code()).isEqualTo(ErrorCode.TRUNCATED);
    byte[] transfer = new TransferBody(BOB.address(), 5, "").encode();
    byte[] trailing = Arrays.copyOf(transfer, transfer.length + 1);
    assertThat(admit(chain.tx(ALICE, 1, TxKind.TRANSFER, trailing)).code())
        .isEqualTo(ErrorCode.TRAILING_BYTES);
    byte[] zeroAmount =
        new CanonicalWriter().fixed(BOB.address().toBytes(), 20).u64(0).string("").toByteArray();
    assertThat(admit(chain.tx(ALICE, 1, TxKind.TRANSFER, zeroAmount)).code())
        .isEqualTo(ErrorCode.INVALID_BODY);
    assertThat(admit(chain.tx(ALICE, 1, TxKind.GOVERN_APPROVE, new byte[31])).code())
        .isEqualTo(ErrorCode.TRUNCATED);
    assertThat(admit(chain.tx(ALICE, 1, TxKind.ANCHOR, new byte[10])).code())
        .isEqualTo(ErrorCode.TRUNCATED);
  }

  @Test
  void oversizeInputIsRefused() {
    // a key that fits the write body limit but not the state key limit with the namespace
    byte[] key = new byte[1020];
    Arrays.fill(key, (byte) 'k');
    Transaction longKey =
        chain.tx(
            ALICE,
            1,
            TxKind.WRITE,
            new WriteBody("shared", List.of(WriteBody.Op.put(key, bytes("v")))).encode());
    assertThat(admit(longKey).code()).isEqualTo(ErrorCode.FIELD_TOO_LARGE);
    // an encoded tx above the size limit is refused before parsing
    assertThatThrownBy(
            () -> Transaction.decode(new byte[io.eris.core.model.Limits.MAX_TX_BYTES + 1]))
        .isInstanceOfSatisfying(
            CodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE));
  }

  @Test
  void revokedKeyIsRefused() {
    Transaction p = chain.propose(TestChain.G1, new GovernanceAction.RevokeKey(BOB.address()));
    chain.leaderBlock(p);
    chain.leaderBlock(chain.approve(TestChain.G2, p.hash()));
    assertThat(chain.head().isRevoked(BOB.address())).isTrue();
    assertThat(admit(chain.transfer(BOB, 1, ALICE, 1)).code()).isEqualTo(ErrorCode.REVOKED_KEY);
    assertThat(admit(chain.transfer(ALICE, 1, BOB, 1)).code()).isEqualTo(ErrorCode.REVOKED_KEY);
  }

  @Test
  void signaturesVerifiedOnAdmissionAreCached() {
    Transaction tx = chain.write(ALICE, 1, "", "k", "v");
    int before = chain.signatures.size();
    admit(tx);
    assertThat(chain.signatures.size()).isEqualTo(before + 1);
    chain.leaderBlock(tx);
    assertThat(chain.signatures.size()).isEqualTo(before + 1);
  }

  @Test
  void admissionWritesNothing() {
    Hash root = chain.head().root();
    assertThat(admit(chain.transfer(ALICE, 1, BOB, 10))).isEqualTo(Verdict.OK);
    assertThat(chain.head().root()).isEqualTo(root);
    assertThat(chain.head().balance(ALICE.address())).isEqualTo(1000);
  }

  @Test
  void keyPairHelperSanity() {
    KeyPair k = KeyPair.deterministic("alice");
    assertThat(k.address()).isEqualTo(ALICE.address());
  }
}
