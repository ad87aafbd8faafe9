package io.eris.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.codec.Json;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.ledger.AccountState;
import io.eris.core.ledger.AnchorBody;
import io.eris.core.ledger.GenesisState;
import io.eris.core.ledger.PowFunctions;
import io.eris.core.ledger.PowTargets;
import io.eris.core.ledger.TxMerkle;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Genesis;
import io.eris.core.model.Transaction;
import io.eris.core.model.Vote;
import io.eris.core.state.StateProof;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checked-in vectors are what the code produces now (so a change of encoding without
 * regenerating fails here), and each vector decodes and verifies.
 */
class VectorsToolTest {
  private static final HexFormat HEX = HexFormat.of();
  private static String checkedIn;
  private static Map<String, Object> vectors;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    try (InputStream in = VectorsToolTest.class.getResourceAsStream("/vectors/eris-vectors.json")) {
      assertThat(in).as("vectors/eris-vectors.json on the test classpath").isNotNull();
      checkedIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    vectors = (Map<String, Object>) Json.parse(checkedIn, 1 << 22);
  }

  @Test
  void checkedInFileMatchesTheGenerator() {
    assertThat(VectorsTool.generate())
        .as("regenerate with: java -cp core/target/classes:bcprov io.eris.core.tools.VectorsTool")
        .isEqualTo(checkedIn);
  }

  @Test
  void keysDeriveFromTheirLabels() {
    for (Map<String, Object> k : list("keys")) {
      KeyPair kp = KeyPair.deterministic((String) k.get("label"));
      assertThat(HEX.formatHex(kp.seed())).isEqualTo(k.get("seed"));
      assertThat(kp.publicKey().toHex()).isEqualTo(k.get("publicKey"));
      assertThat(kp.address().toHex()).isEqualTo(k.get("address"));
    }
  }

  @Test
  void transactionsDecodeHashAndVerify() {
    List<Map<String, Object>> txs = list("transactions");
    assertThat(txs).extracting(t -> t.get("kind")).contains("WRITE", "TRANSFER");
    for (Map<String, Object> t : txs) {
      Transaction tx = Transaction.decode(bytes(t, "encoding"));
      assertThat(tx.hash().toHex()).isEqualTo(t.get("hash"));
      assertThat(tx.hash()).isEqualTo(Hash.sha256(bytes(t, "encoding")));
      assertThat(tx.signingPayload()).isEqualTo(bytes(t, "signingPayload"));
      assertThat(tx.body()).isEqualTo(bytes(t, "body"));
      assertThat(tx.verifySignature()).isTrue();
      assertThat(tx.sender())
          .isEqualTo(KeyPair.deterministic((String) t.get("signer")).publicKey());
    }
  }

  @Test
  void voteBlockAndGenesisDecodeAndVerify() {
    Map<String, Object> v = map("vote");
    Vote vote = Vote.decode(bytes(v, "encoding"));
    assertThat(vote.verifySignature()).isTrue();
    assertThat(vote.hash().toHex()).isEqualTo(v.get("hash"));

    Map<String, Object> b = map("block");
    BlockHeader header = BlockHeader.decode(bytes(b, "headerEncoding"));
    assertThat(header.hash().toHex()).isEqualTo(b.get("hash"));
    Block block = Block.decode(bytes(b, "blockEncoding"));
    assertThat(block.header()).isEqualTo(header);
    assertThat(block.verifySignature(KeyPair.deterministic("leader").publicKey())).isTrue();
    assertThat(TxMerkle.root(block.txs().stream().map(Transaction::hash).toList()))
        .isEqualTo(header.txRoot());

    Map<String, Object> g = map("genesis");
    Genesis genesis = Genesis.decode(bytes(g, "encoding"));
    assertThat(genesis.chainId().toHex()).isEqualTo(g.get("chainId"));
    assertThat(Genesis.fromJson(Json.write(g.get("json")))).isEqualTo(genesis);
    GenesisState gs = GenesisState.of(genesis);
    assertThat(gs.stateRoot().toHex()).isEqualTo(g.get("stateRoot"));
    assertThat(gs.block().hash().toHex()).isEqualTo(g.get("blockHash"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void txRootsAndTheirProofsVerify() {
    for (Map<String, Object> r : list("txRoots")) {
      List<Hash> leaves = ((List<String>) r.get("txHashes")).stream().map(Hash::fromHex).toList();
      Hash root = Hash.fromHex((String) r.get("root"));
      assertThat(TxMerkle.root(leaves)).isEqualTo(root);
      for (Map<String, Object> p : (List<Map<String, Object>>) r.get("proofs")) {
        int i = ((Long) p.get("index")).intValue();
        List<Hash> path = ((List<String>) p.get("path")).stream().map(Hash::fromHex).toList();
        assertThat(TxMerkle.verify(root, leaves.get(i), i, leaves.size(), path)).isTrue();
      }
    }
  }

  @Test
  void stateProofsAndTheAccountEntryVerify() {
    Map<String, Object> s = map("stateTree");
    Hash root = Hash.fromHex((String) s.get("root"));
    Map<String, Object> mem = sub(s, "membership");
    assertThat(
            StateProof.decode(bytes(mem, "proof"))
                .verify(root, bytes(mem, "key"), bytes(mem, "value")))
        .isTrue();
    Map<String, Object> non = sub(s, "nonMembership");
    assertThat(StateProof.decode(bytes(non, "proof")).verify(root, bytes(non, "key"), null))
        .isTrue();

    Map<String, Object> a = map("account");
    Hash stateRoot = Hash.fromHex((String) a.get("stateRoot"));
    assertThat(
            StateProof.decode(bytes(a, "proof"))
                .verify(stateRoot, bytes(a, "key"), bytes(a, "value")))
        .isTrue();
    AccountState account = AccountState.decode(bytes(a, "value"));
    assertThat(account.balance()).isEqualTo(a.get("balance"));
    assertThat(account.roles()).isEqualTo(a.get("roles"));
  }

  @Test
  void powAndAnchorVectorsRecompute() {
    Map<String, Object> p = map("pow");
    byte[] header = bytes(p, "headerEncoding");
    assertThat(PowFunctions.SHA256D.hash(header).toHex()).isEqualTo(p.get("sha256d-v1"));
    assertThat(PowFunctions.ARGON2ID.hash(header).toHex()).isEqualTo(p.get("argon2id-v1"));
    assertThat(
            PowTargets.stakeWeighted(
                    Hash.fromHex((String) p.get("baseTarget")),
                    (Long) p.get("stake"),
                    (Long) p.get("totalStake"))
                .toHex())
        .isEqualTo(p.get("stakeWeightedTarget"));
    Map<String, Object> a = map("anchorMessage");
    assertThat(
            AnchorBody.message(
                    Hash.fromHex((String) a.get("chainId")),
                    (Long) a.get("height"),
                    Hash.fromHex((String) a.get("blockHash")))
                .toHex())
        .isEqualTo(a.get("message"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(String name) {
    return (List<Map<String, Object>>) vectors.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(String name) {
    return (Map<String, Object>) vectors.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sub(Map<String, Object> m, String name) {
    return (Map<String, Object>) m.get(name);
  }

  private static byte[] bytes(Map<String, Object> m, String field) {
    return HEX.parseHex((String) m.get(field));
  }
}
