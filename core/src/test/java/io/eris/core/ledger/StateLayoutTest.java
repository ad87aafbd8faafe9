package io.eris.core.ledger;

import static io.eris.core.ledger.TestChain.ALICE;
import static io.eris.core.ledger.TestChain.G1;
import static io.eris.core.ledger.TestChain.LEADER;
import static io.eris.core.ledger.TestChain.V3;
import static io.eris.core.ledger.TestChain.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.BlockKind;
import io.eris.core.state.StateProof;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateLayoutTest {
  private final TestChain chain = new TestChain();

  @Test
  void accountValueIsTheDocumentedLayout() {
    KeyPair k = KeyPair.deterministic("x");
    AccountState a = new AccountState(k.publicKey(), 258, 3, true, List.of("b", "a"));
    String hex = HexFormat.of().formatHex(a.encode());
    assertThat(hex)
        .isEqualTo(
            "01"
                + k.publicKey().toHex()
                + "0000000000000102"
                + "0000000000000003"
                + "01"
                + "00000002"
                + "0000000161"
                + "0000000162");
    assertThat(AccountState.decode(a.encode())).isEqualTo(a);
  }

  @Test
  void storedValuesRefuseOtherVersionsAndTrailingBytes() {
    byte[] v = AccountState.open(ALICE.publicKey(), 1, List.of()).encode();
    v[0] = 2;
    assertThatThrownBy(() -> AccountState.decode(v))
        .isInstanceOfSatisfying(
            CodecException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
    byte[] longer = java.util.Arrays.copyOf(chain.head().params().encode(), 200);
    assertThatThrownBy(() -> ChainParams.decode(longer)).isInstanceOf(CodecException.class);
  }

  @Test
  void stateKeysHaveTheirTypePrefix() {
    assertThat(StateKeys.account(ALICE.address())[0]).isEqualTo((byte) 0x01);
    assertThat(StateKeys.validator(ALICE.address())).hasSize(21);
    assertThat(HexFormat.of().formatHex(StateKeys.kv("ns", bytes("k"))))
        .isEqualTo("03" + "02" + "6e73" + "6b");
    assertThat(HexFormat.of().formatHex(StateKeys.anchor(258))).isEqualTo("050000000000000102");
    assertThatThrownBy(() -> StateKeys.kv("ns", new byte[1021]))
        .isInstanceOfSatisfying(
            CodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FIELD_TOO_LARGE));
    assertThat(StateKeys.kv("ns", new byte[1020])).hasSize(1024);
  }

  @Test
  void genesisStateHoldsParamsValidatorsGovernanceAndAccounts() {
    LedgerState s = chain.head();
    assertThat(s.params()).isEqualTo(ChainParams.of(chain.genesis));
    assertThat(s.leaderKey()).isEqualTo(LEADER.publicKey());
    assertThat(s.totalStake()).isEqualTo(400);
    assertThat(s.validators()).hasSize(3);
    assertThat(s.stake(V3.address())).isEqualTo(200);
    assertThat(s.governance().threshold()).isEqualTo(2);
    assertThat(s.balance(ALICE.address())).isEqualTo(1000);
    assertThat(s.roles(ALICE.address())).containsExactly("writer:shared");
    // validators and governance signers get an account so they can send
    assertThat(s.account(V3.address()).orElseThrow().balance()).isZero();
    assertThat(s.account(G1.address())).isPresent();
    assertThat(s.openProposals()).isEmpty();
  }

  @Test
  void theGenesisBlockAnchorsTheChain() {
    GenesisState g = chain.genesisState;
    assertThat(g.block().height()).isZero();
    assertThat(g.header().kind()).isEqualTo(BlockKind.GENESIS);
    assertThat(g.header().parent()).isEqualTo(Hash.ZERO);
    assertThat(g.header().stateRoot()).isEqualTo(g.stateRoot());
    assertThat(g.header().txRoot()).isEqualTo(TxMerkle.EMPTY_ROOT);
    assertThat(g.header().chainId()).isEqualTo(chain.genesis.chainId());
    assertThat(g.header().timestampMillis()).isEqualTo(chain.genesis.timestampMillis());
    assertThat(g.block().signature()).containsOnly(0);
    // deterministic: the same genesis gives the same block hash and root
    assertThat(GenesisState.of(chain.genesis).block().hash()).isEqualTo(g.block().hash());
  }

  @Test
  void accountEntriesAreProvableAgainstTheStateRoot() {
    LedgerState s = chain.head();
    byte[] key = StateKeys.account(ALICE.address());
    StateProof proof = s.prove(key);
    byte[] value = s.raw(key);
    assertThat(proof.verify(s.root(), key, value)).isTrue();
    assertThat(AccountState.decode(value).balance()).isEqualTo(1000);
    byte[] absent = StateKeys.account(TestChain.STRANGER.address());
    assertThat(s.prove(absent).verify(s.root(), absent, null)).isTrue();
  }

  @Test
  void proposalsRoundTrip() {
    Proposal p =
        new Proposal(
            Hash.sha256(bytes("p")),
            G1.address(),
            5,
            9,
            new GovernanceAction.SetPow(
                new PowRule(PowFunctions.ARGON2ID_V1, Hash.sha256(bytes("t")), 1000), 20),
            List.of(G1.address()),
            Proposal.Status.OPEN,
            0,
            "");
    assertThat(Proposal.decode(p.id(), p.encode())).isEqualTo(p);
    for (GovernanceAction a :
        List.of(
            new GovernanceAction.SetValidator(V3.publicKey(), 7, List.of("validator")),
            new GovernanceAction.RemoveValidator(V3.address()),
            new GovernanceAction.SetLeader(V3.publicKey(), 4),
            new GovernanceAction.SetTiming(100, 1000),
            new GovernanceAction.RevokeKey(ALICE.address()),
            new GovernanceAction.AuthoriseAccount(ALICE.publicKey(), 5, List.of("writer:x")),
            new GovernanceAction.SetGovernance(chain.head().governance()),
            new GovernanceAction.Recover(3, Hash.sha256(bytes("r"))))) {
      assertThat(GovernanceAction.decode(a.encode())).isEqualTo(a);
      ProposeBody body = new ProposeBody(77, a);
      assertThat(ProposeBody.decode(body.encode())).isEqualTo(body);
    }
  }

  @Test
  void unknownGovernanceActionsAreRefused() {
    assertThatThrownBy(() -> GovernanceAction.decode(new byte[] {42}))
        .isInstanceOfSatisfying(
            CodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_KIND));
  }
}
