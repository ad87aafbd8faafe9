package io.eris.core.model;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;

/**
 * A block header; its hash is the block's hash.
 *
 * <pre>
 * u8 0x48 ('H') | u8 version=1 | chainId[32] | u64 height | parent[32] | u64 timestampMillis
 * | u8 kind (1 LEADER, 2 POW, 3 GENESIS) | proposer[20] | u64 leaderEpoch | txRoot[32]
 * | stateRoot[32] | u32 txCount | powTarget[32] | u64 powNonce
 * </pre>
 *
 * LEADER and GENESIS headers carry a zero target and nonce.
 */
public record BlockHeader(
    Hash chainId,
    long height,
    Hash parent,
    long timestampMillis,
    BlockKind kind,
    Address proposer,
    long leaderEpoch,
    Hash txRoot,
    Hash stateRoot,
    int txCount,
    Hash powTarget,
    long powNonce) {
  public static final int TAG = 0x48;
  public static final int VERSION = 1;
  public static final int SIZE = 2 + 32 + 8 + 32 + 8 + 1 + 20 + 8 + 32 + 32 + 4 + 32 + 8;

  public byte[] encode() {
    return new CanonicalWriter(SIZE)
        .u8(TAG)
        .u8(VERSION)
        .fixed(chainId.unsafeBytes(), Hash.SIZE)
        .u64(height)
        .fixed(parent.unsafeBytes(), Hash.SIZE)
        .u64(timestampMillis)
        .u8(kind.code())
        .fixed(proposer.unsafeBytes(), Address.SIZE)
        .u64(leaderEpoch)
        .fixed(txRoot.unsafeBytes(), Hash.SIZE)
        .fixed(stateRoot.unsafeBytes(), Hash.SIZE)
        .u32(txCount)
        .fixed(powTarget.unsafeBytes(), Hash.SIZE)
        .u64(powNonce)
        .toByteArray();
  }

  public static BlockHeader decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes, Limits.MAX_BLOCK_BYTES);
    BlockHeader h = read(r);
    r.finish("block header");
    return h;
  }

  static BlockHeader read(CanonicalReader r) {
    r.header(TAG, VERSION, "block header");
    return new BlockHeader(
        Hash.wrap(r.fixed(Hash.SIZE, "chainId")),
        r.u64("height"),
        Hash.wrap(r.fixed(Hash.SIZE, "parent")),
        r.u64("timestamp"),
        BlockKind.fromCode(r.u8("kind")),
        Address.wrap(r.fixed(Address.SIZE, "proposer")),
        r.u64("leaderEpoch"),
        Hash.wrap(r.fixed(Hash.SIZE, "txRoot")),
        Hash.wrap(r.fixed(Hash.SIZE, "stateRoot")),
        r.u32AsInt("txCount"),
        Hash.wrap(r.fixed(Hash.SIZE, "powTarget")),
        r.u64("powNonce"));
  }

  public Hash hash() {
    return Hash.sha256(encode());
  }

  public BlockHeader withPowNonce(long nonce) {
    return new BlockHeader(
        chainId,
        height,
        parent,
        timestampMillis,
        kind,
        proposer,
        leaderEpoch,
        txRoot,
        stateRoot,
        txCount,
        powTarget,
        nonce);
  }
}
