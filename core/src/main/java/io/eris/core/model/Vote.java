package io.eris.core.model;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.crypto.Ed25519;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.PublicKey;

/**
 * A validator's signed vote for a block.
 *
 * <pre>
 * signing payload = u8 0x56 ('V') | u8 version=1 | chainId[32] | u64 height | blockHash[32]
 *                   | voter[32]
 * encoding        = signing payload | signature[64]
 * </pre>
 */
public record Vote(Hash chainId, long height, Hash blockHash, PublicKey voter, byte[] signature) {
  public static final int TAG = 0x56;
  public static final int VERSION = 1;
  public static final int SIZE = 2 + 32 + 8 + 32 + 32 + 64;

  public static Vote sign(KeyPair voter, Hash chainId, long height, Hash blockHash) {
    byte[] payload = payload(chainId, height, blockHash, voter.publicKey());
    return new Vote(chainId, height, blockHash, voter.publicKey(), voter.sign(payload));
  }

  private static byte[] payload(Hash chainId, long height, Hash blockHash, PublicKey voter) {
    return new CanonicalWriter(SIZE)
        .u8(TAG)
        .u8(VERSION)
        .fixed(chainId.unsafeBytes(), Hash.SIZE)
        .u64(height)
        .fixed(blockHash.unsafeBytes(), Hash.SIZE)
        .fixed(voter.unsafeBytes(), PublicKey.SIZE)
        .toByteArray();
  }

  public boolean verifySignature() {
    return Ed25519.verify(voter, payload(chainId, height, blockHash, voter), signature);
  }

  public byte[] encode() {
    return new CanonicalWriter(SIZE)
        .raw(payload(chainId, height, blockHash, voter))
        .fixed(signature, Ed25519.SIGNATURE_SIZE)
        .toByteArray();
  }

  public static Vote decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes, 2 * SIZE);
    r.header(TAG, VERSION, "vote");
    Vote v =
        new Vote(
            Hash.wrap(r.fixed(Hash.SIZE, "chainId")),
            r.u64("height"),
            Hash.wrap(r.fixed(Hash.SIZE, "blockHash")),
            PublicKey.wrap(r.fixed(PublicKey.SIZE, "voter")),
            r.fixed(Ed25519.SIGNATURE_SIZE, "signature"));
    r.finish("vote");
    return v;
  }

  public Hash hash() {
    return Hash.sha256(encode());
  }
}
