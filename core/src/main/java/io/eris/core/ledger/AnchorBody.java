package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * Body of an ANCHOR: proof that the anchor message of an earlier block of this chain is in a
 * Bitcoin transaction confirmed in a Bitcoin block.
 *
 * <pre>
 * u64 height | blockHash[32]                   the anchored block of this chain
 * | btcTxid[32] | btcBlockHash[32]              display order (as bitcoind's RPC prints them)
 * | bytes rawTx (at most 16 KiB)                the Bitcoin transaction, wire format
 * | btcHeader[80]                               the Bitcoin block header, wire format
 * | u32 txIndex | u32 n (at most 32) | n x hash[32]   Merkle branch, display order, leaf level first
 * </pre>
 *
 * The anchor message is {@link #message}: {@code SHA-256(chainId | u64 height | blockHash)}; the
 * Bitcoin transaction carries it as a data push of an OP_RETURN output. Stored as is under {@link
 * StateKeys#anchor}, so the state proves the whole Bitcoin proof.
 */
public record AnchorBody(
    long height,
    Hash blockHash,
    Hash btcTxid,
    Hash btcBlockHash,
    byte[] rawTx,
    byte[] btcHeader,
    long txIndex,
    List<Hash> branch) {
  public static final int MAX_RAW_TX_BYTES = 16 * 1024;
  public static final int MAX_BRANCH = 32;
  public static final int HEADER_BYTES = 80;

  public AnchorBody {
    rawTx = rawTx.clone();
    btcHeader = btcHeader.clone();
    branch = List.copyOf(branch);
    if (rawTx.length == 0 || rawTx.length > MAX_RAW_TX_BYTES) {
      throw new CodecException(ErrorCode.FIELD_TOO_LARGE, "raw tx of 1 to 16384 bytes");
    }
    if (btcHeader.length != HEADER_BYTES) {
      throw new CodecException(ErrorCode.INVALID_BODY, "a Bitcoin header has 80 bytes");
    }
    if (branch.size() > MAX_BRANCH || txIndex < 0 || txIndex >= (1L << branch.size())) {
      throw new CodecException(ErrorCode.INVALID_BODY, "tx index does not fit the branch");
    }
  }

  /**
   * The message a Bitcoin transaction carries to anchor block {@code blockHash} at {@code height}.
   */
  public static Hash message(Hash chainId, long height, Hash blockHash) {
    return Hash.sha256(
        new CanonicalWriter(72)
            .fixed(chainId.unsafeBytes(), Hash.SIZE)
            .u64(height)
            .fixed(blockHash.unsafeBytes(), Hash.SIZE)
            .toByteArray());
  }

  public byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(256 + rawTx.length + 32 * branch.size())
            .u64(height)
            .fixed(blockHash.unsafeBytes(), Hash.SIZE)
            .fixed(btcTxid.unsafeBytes(), Hash.SIZE)
            .fixed(btcBlockHash.unsafeBytes(), Hash.SIZE)
            .bytes(rawTx)
            .fixed(btcHeader, HEADER_BYTES)
            .u32(txIndex)
            .u32(branch.size());
    for (Hash h : branch) {
      w.fixed(h.unsafeBytes(), Hash.SIZE);
    }
    return w.toByteArray();
  }

  public static AnchorBody decode(byte[] body) {
    CanonicalReader r = new CanonicalReader(body, Limits.MAX_TX_BODY_BYTES);
    long height = r.u64("height");
    Hash blockHash = Hash.wrap(r.fixed(Hash.SIZE, "blockHash"));
    Hash txid = Hash.wrap(r.fixed(Hash.SIZE, "btcTxid"));
    Hash btcBlock = Hash.wrap(r.fixed(Hash.SIZE, "btcBlockHash"));
    byte[] raw = r.bytes(MAX_RAW_TX_BYTES, "rawTx");
    byte[] header = r.fixed(HEADER_BYTES, "btcHeader");
    long index = r.u32("txIndex");
    int n = r.count(MAX_BRANCH, "branch");
    List<Hash> branch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      branch.add(Hash.wrap(r.fixed(Hash.SIZE, "branch")));
    }
    r.finish("anchor body");
    return new AnchorBody(height, blockHash, txid, btcBlock, raw, header, index, branch);
  }

  @Override
  public byte[] rawTx() {
    return rawTx.clone();
  }

  @Override
  public byte[] btcHeader() {
    return btcHeader.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnchorBody a && java.util.Arrays.equals(encode(), a.encode());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(encode());
  }
}
