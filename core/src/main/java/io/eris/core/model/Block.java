package io.eris.core.model;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Ed25519;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A block: header, the proposer's signature over the header hash, and the transactions.
 *
 * <pre>
 * u8 0x42 ('B') | u8 version=1 | header (fixed layout, see BlockHeader) | signature[64]
 * | u32 count | count x bytes tx   (each a u32 length and a transaction encoding)
 * </pre>
 *
 * The genesis block (height 0) has an all-zero signature.
 */
public final class Block {
  public static final int TAG = 0x42;
  public static final int VERSION = 1;

  private final BlockHeader header;
  private final byte[] signature;
  private final List<Transaction> txs;
  private final Hash hash;

  public Block(BlockHeader header, byte[] signature, List<Transaction> txs) {
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      throw new IllegalArgumentException("signature must have 64 bytes");
    }
    this.header = header;
    this.signature = signature.clone();
    this.txs = List.copyOf(txs);
    this.hash = header.hash();
  }

  public static Block sign(BlockHeader header, List<Transaction> txs, KeyPair proposer) {
    return new Block(header, proposer.sign(header.hash().unsafeBytes()), txs);
  }

  public boolean verifySignature(PublicKey proposerKey) {
    return Ed25519.verify(proposerKey, hash.unsafeBytes(), signature);
  }

  public byte[] encode() {
    int size = 2 + BlockHeader.SIZE + 64 + 4;
    for (Transaction tx : txs) {
      size += 4 + tx.encodedSize();
    }
    CanonicalWriter w =
        new CanonicalWriter(size)
            .u8(TAG)
            .u8(VERSION)
            .raw(header.encode())
            .fixed(signature, Ed25519.SIGNATURE_SIZE)
            .u32(txs.size());
    for (Transaction tx : txs) {
      w.bytes(tx.encode());
    }
    return w.toByteArray();
  }

  public static Block decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes, Limits.MAX_BLOCK_BYTES);
    r.header(TAG, VERSION, "block");
    BlockHeader header = BlockHeader.read(r);
    byte[] signature = r.fixed(Ed25519.SIGNATURE_SIZE, "signature");
    int n = r.count(Limits.MAX_BLOCK_TXS, "txs");
    if (n != header.txCount()) {
      throw new CodecException(
          ErrorCode.NON_CANONICAL, "header says " + header.txCount() + " txs, body has " + n);
    }
    List<Transaction> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(Transaction.decode(r.bytes(Limits.MAX_TX_BYTES, "tx")));
    }
    r.finish("block");
    return new Block(header, signature, txs);
  }

  public BlockHeader header() {
    return header;
  }

  public Hash hash() {
    return hash;
  }

  public long height() {
    return header.height();
  }

  public byte[] signature() {
    return signature.clone();
  }

  public List<Transaction> txs() {
    return txs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Block b && hash.equals(b.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Block["
        + header.height()
        + " "
        + header.kind()
        + " "
        + hash.toHex().substring(0, 12)
        + "]";
  }
}
