package io.eris.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.core.model.TxKind;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Offline anchor verification. Real Bitcoin mainnet data: the genesis block (header, coinbase, a
 * one-tx block with an empty branch) and block 100,000 (header and its four txids, a real two-level
 * branch). No real OP_RETURN transaction is reproduced here, so the OP_RETURN check and the full
 * {@code verify} run on constructed transactions in a constructed regtest block.
 */
class BitcoinAnchorTest {
  private static final HexFormat HEX = HexFormat.of();

  // Bitcoin mainnet block 0
  static final String GENESIS_HEADER =
      "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b2"
          + "7ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c";
  static final String GENESIS_HASH =
      "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
  static final String GENESIS_COINBASE =
      "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04"
          + "ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f"
          + "6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100"
          + "f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61de"
          + "b649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000";
  static final String GENESIS_TXID =
      "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";

  // Bitcoin mainnet block 100000
  static final String B100K_HEADER =
      "0100000050120119172a610421a6c3011dd330d9df07b63616c2cc1f1cd00200000000006657a9252aacd5"
          + "c0b2940996ecff952228c3067cc38d4885efb5a4ac4247e9f337221b4d4c86041b0f2b5710";
  static final String B100K_HASH =
      "000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506";
  static final List<String> B100K_TXIDS =
      List.of(
          "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87",
          "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
          "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
          "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d");

  @Test
  void realGenesisBlock() {
    byte[] header = HEX.parseHex(GENESIS_HEADER);
    byte[] coinbase = HEX.parseHex(GENESIS_COINBASE);
    assertThat(BitcoinAnchorVerifier.headerHash(header).toHex()).isEqualTo(GENESIS_HASH);
    assertThat(BitcoinAnchorVerifier.txid(coinbase).toHex()).isEqualTo(GENESIS_TXID);
    // a one-tx block: the empty branch leads from the txid to the Merkle root
    assertThat(BitcoinAnchorVerifier.merkleRootFromBranch(Hash.fromHex(GENESIS_TXID), 0, List.of()))
        .isEqualTo(BitcoinAnchorVerifier.headerMerkleRoot(header));
    assertThat(BitcoinAnchorVerifier.meetsOwnTarget(header)).isTrue();
    assertThat(BitcoinAnchorVerifier.headerTarget(header))
        .isEqualTo(BitcoinNetwork.MAINNET.powLimit());
    // the coinbase carries no OP_RETURN: as an anchor it is refused for that reason alone
    AnchorBody body =
        new AnchorBody(
            1,
            Hash.ZERO,
            Hash.fromHex(GENESIS_TXID),
            Hash.fromHex(GENESIS_HASH),
            coinbase,
            header,
            0,
            List.of());
    Verdict v = BitcoinAnchorVerifier.verify(body, Hash.ZERO, BitcoinNetwork.MAINNET);
    assertThat(v.code()).isEqualTo(ErrorCode.BAD_ANCHOR);
    assertThat(v.message()).contains("OP_RETURN");
  }

  @Test
  void realGenesisHeaderWithAChangedNonceFailsItsTarget() {
    byte[] header = HEX.parseHex(GENESIS_HEADER);
    header[79] ^= 1;
    assertThat(BitcoinAnchorVerifier.meetsOwnTarget(header)).isFalse();
  }

  @Test
  void realMultiTxBranchOfBlock100000() {
    byte[] header = HEX.parseHex(B100K_HEADER);
    assertThat(BitcoinAnchorVerifier.headerHash(header).toHex()).isEqualTo(B100K_HASH);
    assertThat(BitcoinAnchorVerifier.meetsOwnTarget(header)).isTrue();
    assertThat(BitcoinAnchorVerifier.headerTarget(header))
        .isLessThan(BitcoinNetwork.MAINNET.powLimit());
    Hash root = BitcoinAnchorVerifier.headerMerkleRoot(header);
    List<Hash> txids = B100K_TXIDS.stream().map(Hash::fromHex).toList();
    for (int i = 0; i < 4; i++) {
      List<Hash> branch = branch(txids, i);
      assertThat(BitcoinAnchorVerifier.merkleRootFromBranch(txids.get(i), i, branch))
          .as("tx " + i)
          .isEqualTo(root);
      assertThat(BitcoinAnchorVerifier.merkleRootFromBranch(txids.get(i), i ^ 1, branch))
          .isNotEqualTo(root);
    }
  }

  @Test
  void compactTargetsDecodeAsBitcoinDoes() {
    assertThat(BitcoinAnchorVerifier.targetFromBits(0x1d00ffffL))
        .isEqualTo(new java.math.BigInteger("ffff", 16).shiftLeft(208));
    assertThat(BitcoinAnchorVerifier.targetFromBits(0x1b04864cL))
        .isEqualTo(new java.math.BigInteger("04864c", 16).shiftLeft(8 * 24));
    assertThat(BitcoinAnchorVerifier.targetFromBits(0x1d80ffffL).signum()).isNegative();
    assertThat(BitcoinAnchorVerifier.targetFromBits(0x03123456L))
        .isEqualTo(java.math.BigInteger.valueOf(0x123456));
  }

  // ---- constructed data ----

  @Test
  void aConstructedAnchorVerifiesAndEachTamperingIsCaught() {
    Hash chainId = Hash.sha256(new byte[] {1});
    Hash blockHash = Hash.sha256(new byte[] {2});
    Fixture f = Fixture.build(chainId, 7, blockHash);
    assertThat(BitcoinAnchorVerifier.verify(f.body, chainId, BitcoinNetwork.REGTEST))
        .isEqualTo(Verdict.OK);
    // a regtest header is far too easy for mainnet
    assertThat(BitcoinAnchorVerifier.verify(f.body, chainId, BitcoinNetwork.MAINNET).message())
        .contains("proof-of-work limit");
    // another chain, height or block: the message is not in the tx
    assertThat(reason(f.body, Hash.sha256(new byte[] {3}))).contains("OP_RETURN");
    assertThat(reason(f.with(b -> b.height = 8), chainId)).contains("OP_RETURN");
    // wrong txid, branch, index, block hash
    assertThat(reason(f.with(b -> b.txid = f.txids.get(0)), chainId)).contains("txid");
    assertThat(reason(f.with(b -> b.index = 0), chainId)).contains("Merkle");
    assertThat(reason(f.with(b -> b.branch = List.of(f.txids.get(0))), chainId)).contains("Merkle");
    assertThat(reason(f.with(b -> b.btcBlockHash = chainId), chainId)).contains("header hashes");
    // a header that misses its own target
    byte[] lazy = f.body.btcHeader();
    while (BitcoinAnchorVerifier.meetsOwnTarget(lazy)) {
      lazy[76]++;
    }
    byte[] unmined = lazy;
    assertThat(
            reason(
                f.with(
                    b -> {
                      b.header = unmined;
                      b.btcBlockHash = BitcoinAnchorVerifier.headerHash(unmined);
                    }),
                chainId))
        .contains("nBits");
  }

  private static String reason(AnchorBody body, Hash chainId) {
    Verdict v = BitcoinAnchorVerifier.verify(body, chainId, BitcoinNetwork.REGTEST);
    assertThat(v.code()).isEqualTo(ErrorCode.BAD_ANCHOR);
    return v.message();
  }

  @Test
  void segwitTxidsLeaveTheWitnessOut() {
    byte[] in = input();
    byte[] out = output(1000, new byte[] {0x51});
    byte[] legacy = concat(le32(2), new byte[] {1}, in, new byte[] {1}, out, le32(0));
    byte[] witness = concat(new byte[] {1, 3}, new byte[] {9, 9, 9});
    byte[] segwit =
        concat(le32(2), new byte[] {0, 1, 1}, in, new byte[] {1}, out, witness, le32(0));
    assertThat(BitcoinAnchorVerifier.txid(segwit)).isEqualTo(BitcoinAnchorVerifier.txid(legacy));
    assertThat(BitcoinAnchorVerifier.displayHash(segwit))
        .isNotEqualTo(BitcoinAnchorVerifier.txid(legacy));
  }

  @Test
  void opReturnPushFormsAreRecognised() {
    byte[] msg = Hash.sha256(new byte[] {4}).toBytes();
    byte[] direct = concat(new byte[] {0x6a, 0x20}, msg);
    byte[] pushdata1 = concat(new byte[] {0x6a, 0x4c, 0x20}, msg);
    byte[] afterTag = concat(new byte[] {0x6a, 0x04, 'e', 'r', 'i', 's', 0x20}, msg);
    byte[] notOpReturn = concat(new byte[] {0x51, 0x20}, msg);
    for (byte[] script : List.of(direct, pushdata1, afterTag)) {
      assertThat(BitcoinAnchorVerifier.containsOpReturn(tx(script), msg)).isTrue();
    }
    assertThat(BitcoinAnchorVerifier.containsOpReturn(tx(notOpReturn), msg)).isFalse();
    byte[] truncated = concat(new byte[] {0x6a, 0x21}, msg);
    assertThat(BitcoinAnchorVerifier.containsOpReturn(tx(truncated), msg)).isFalse();
  }

  @Test
  void anAnchorTxIsStoredInTheState() {
    TestChain chain = new TestChain();
    Block b1 = chain.leaderBlock();
    chain.leaderBlock();
    Fixture f = Fixture.build(chain.chainId, 1, b1.hash());
    Transaction anchor = chain.tx(TestChain.BOB, 1, TxKind.ANCHOR, f.body.encode());
    chain.leaderBlock(anchor);
    assertThat(chain.head().anchor(1)).contains(f.body);
    // the same height again is a duplicate
    Transaction again = chain.tx(TestChain.BOB, 2, TxKind.ANCHOR, f.body.encode());
    assertThat(chain.txValidator.admit(again, chain.head(), chain.nextHeight(), chain).code())
        .isEqualTo(ErrorCode.DUPLICATE);
  }

  @Test
  void anAnchorOfABlockNotOnThisChainIsRefused() {
    TestChain chain = new TestChain();
    chain.leaderBlock();
    Fixture wrongBlock = Fixture.build(chain.chainId, 1, Hash.sha256(new byte[] {5}));
    Transaction tx = chain.tx(TestChain.BOB, 1, TxKind.ANCHOR, wrongBlock.body.encode());
    assertThat(chain.txValidator.admit(tx, chain.head(), chain.nextHeight(), chain).code())
        .isEqualTo(ErrorCode.BAD_ANCHOR);
    Fixture future = Fixture.build(chain.chainId, 2, Hash.sha256(new byte[] {5}));
    Transaction early = chain.tx(TestChain.BOB, 1, TxKind.ANCHOR, future.body.encode());
    assertThat(chain.txValidator.admit(early, chain.head(), chain.nextHeight(), chain).message())
        .contains("at or above");
  }

  /** A constructed regtest block of three txs, the second carrying the anchor message. */
  static final class Fixture {
    AnchorBody body;
    List<Hash> txids;

    long height;
    Hash blockHash;
    Hash txid;
    Hash btcBlockHash;
    byte[] raw;
    byte[] header;
    long index;
    List<Hash> branch;

    static Fixture build(Hash chainId, long height, Hash blockHash) {
      Fixture f = new Fixture();
      byte[] message = AnchorBody.message(chainId, height, blockHash).toBytes();
      byte[] coinbase = tx(new byte[] {0x51});
      byte[] anchorTx = tx(concat(new byte[] {0x6a, 0x20}, message));
      byte[] other = tx(new byte[] {0x52});
      f.txids =
          List.of(
              BitcoinAnchorVerifier.txid(coinbase),
              BitcoinAnchorVerifier.txid(anchorTx),
              BitcoinAnchorVerifier.txid(other));
      Hash root = BitcoinMerkle.root(f.txids);
      byte[] header =
          concat(
              le32(0x20000000),
              new byte[32],
              BitcoinAnchorVerifier.reverse(root.unsafeBytes()),
              le32(1_700_000_000),
              le32(0x207fffff),
              le32(0));
      for (int nonce = 0; !BitcoinAnchorVerifier.meetsOwnTarget(header); nonce++) {
        System.arraycopy(le32(nonce), 0, header, 76, 4);
      }
      f.height = height;
      f.blockHash = blockHash;
      f.txid = f.txids.get(1);
      f.btcBlockHash = BitcoinAnchorVerifier.headerHash(header);
      f.raw = anchorTx;
      f.header = header;
      f.index = 1;
      f.branch = branch(f.txids, 1);
      f.body = f.make();
      return f;
    }

    AnchorBody make() {
      return new AnchorBody(height, blockHash, txid, btcBlockHash, raw, header, index, branch);
    }

    /** The body with one field changed. */
    AnchorBody with(java.util.function.Consumer<Fixture> change) {
      Fixture copy = new Fixture();
      copy.height = height;
      copy.blockHash = blockHash;
      copy.txid = txid;
      copy.btcBlockHash = btcBlockHash;
      copy.raw = raw;
      copy.header = header;
      copy.index = index;
      copy.branch = branch;
      change.accept(copy);
      return copy.make();
    }
  }

  /** Bitcoin's Merkle tree (an odd last node is paired with itself), display-order hashes. */
  static final class BitcoinMerkle {
    static Hash root(List<Hash> txids) {
      List<byte[]> level = new ArrayList<>();
      for (Hash t : txids) {
        level.add(BitcoinAnchorVerifier.reverse(t.unsafeBytes()));
      }
      while (level.size() > 1) {
        List<byte[]> next = new ArrayList<>();
        for (int i = 0; i < level.size(); i += 2) {
          byte[] l = level.get(i);
          byte[] r = i + 1 < level.size() ? level.get(i + 1) : l;
          next.add(Hash.doubleSha256(concat(l, r)).toBytes());
        }
        level = next;
      }
      return Hash.wrap(BitcoinAnchorVerifier.reverse(level.get(0)));
    }
  }

  /** The Bitcoin Merkle branch of leaf {@code index}, display order, leaf level first. */
  static List<Hash> branch(List<Hash> txids, int index) {
    List<byte[]> level = new ArrayList<>();
    for (Hash t : txids) {
      level.add(BitcoinAnchorVerifier.reverse(t.unsafeBytes()));
    }
    List<Hash> out = new ArrayList<>();
    int i = index;
    while (level.size() > 1) {
      int sibling = (i ^ 1) < level.size() ? i ^ 1 : i;
      out.add(Hash.wrap(BitcoinAnchorVerifier.reverse(level.get(sibling))));
      List<byte[]> next = new ArrayList<>();
      for (int j = 0; j < level.size(); j += 2) {
        byte[] l = level.get(j);
        byte[] r = j + 1 < level.size() ? level.get(j + 1) : l;
        next.add(Hash.doubleSha256(concat(l, r)).toBytes());
      }
      level = next;
      i >>= 1;
    }
    return out;
  }

  /** A legacy one-input tx with one output of value 1000 and {@code script}. */
  static byte[] tx(byte[] script) {
    return concat(le32(2), new byte[] {1}, input(), new byte[] {1}, output(1000, script), le32(0));
  }

  static byte[] input() {
    byte[] prevout = new byte[36];
    prevout[0] = 7;
    return concat(prevout, new byte[] {0}, le32(0xffffffff));
  }

  static byte[] output(long value, byte[] script) {
    byte[] v = new byte[8];
    for (int i = 0; i < 8; i++) {
      v[i] = (byte) (value >>> (8 * i));
    }
    return concat(v, new byte[] {(byte) script.length}, script);
  }

  static byte[] le32(long v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
