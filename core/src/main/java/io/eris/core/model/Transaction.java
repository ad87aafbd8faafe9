package io.eris.core.model;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.crypto.Ed25519;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.PublicKey;
import io.eris.core.crypto.SignatureCache;

/**
 * A signed transaction.
 *
 * <pre>
 * signing payload = u8 0x54 ('T') | u8 version=1 | chainId[32] | sender[32] | u64 nonce
 *                   | u8 kind | bytes body (u32 length, at most 66 KiB)
 * encoding        = signing payload | signature[64]   (Ed25519 over the signing payload)
 * hash            = SHA-256(encoding)
 * </pre>
 */
public final class Transaction {
  public static final int TAG = 0x54;
  public static final int VERSION = 1;

  private final Hash chainId;
  private final PublicKey sender;
  private final long nonce;
  private final TxKind kind;
  private final byte[] body;
  private final byte[] signature;
  private final byte[] encoded;
  private final int payloadLength;
  private final Hash hash;

  private Transaction(
      Hash chainId, PublicKey sender, long nonce, TxKind kind, byte[] body, byte[] signature) {
    this.chainId = chainId;
    this.sender = sender;
    this.nonce = nonce;
    this.kind = kind;
    this.body = body;
    this.signature = signature;
    byte[] payload = payload(chainId, sender, nonce, kind, body);
    this.payloadLength = payload.length;
    this.encoded =
        new CanonicalWriter(payload.length + 64).raw(payload).raw(signature).toByteArray();
    this.hash = Hash.sha256(encoded);
  }

  private static byte[] payload(
      Hash chainId, PublicKey sender, long nonce, TxKind kind, byte[] body) {
    if (body.length > Limits.MAX_TX_BODY_BYTES) {
      throw new IllegalArgumentException("body over " + Limits.MAX_TX_BODY_BYTES + " bytes");
    }
    return new CanonicalWriter(body.length + 96)
        .u8(TAG)
        .u8(VERSION)
        .fixed(chainId.unsafeBytes(), Hash.SIZE)
        .fixed(sender.unsafeBytes(), PublicKey.SIZE)
        .u64(nonce)
        .u8(kind.code())
        .bytes(body)
        .toByteArray();
  }

  /** Builds and signs a transaction with the sender's key. */
  public static Transaction sign(
      KeyPair sender, Hash chainId, long nonce, TxKind kind, byte[] body) {
    byte[] payload = payload(chainId, sender.publicKey(), nonce, kind, body);
    return new Transaction(
        chainId, sender.publicKey(), nonce, kind, body.clone(), sender.sign(payload));
  }

  /** Strict decoding of the canonical bytes; does not check the signature. */
  public static Transaction decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes, Limits.MAX_TX_BYTES);
    r.header(TAG, VERSION, "transaction");
    Hash chainId = Hash.wrap(r.fixed(Hash.SIZE, "chainId"));
    PublicKey sender = PublicKey.wrap(r.fixed(PublicKey.SIZE, "sender"));
    long nonce = r.u64("nonce");
    TxKind kind = TxKind.fromCode(r.u8("kind"));
    byte[] body = r.bytes(Limits.MAX_TX_BODY_BYTES, "body");
    byte[] signature = r.fixed(Ed25519.SIGNATURE_SIZE, "signature");
    r.finish("transaction");
    return new Transaction(chainId, sender, nonce, kind, body, signature);
  }

  public boolean verifySignature() {
    return Ed25519.verify(sender, signingPayload(), signature);
  }

  public boolean verifySignature(SignatureCache cache) {
    return cache.verify(sender, signingPayload(), signature);
  }

  /**
   * Records this tx's signature as good in {@code cache} without verifying it: see {@link
   * SignatureCache#vouch}.
   */
  public void vouchSignature(SignatureCache cache) {
    cache.vouch(sender, signingPayload(), signature);
  }

  public byte[] signingPayload() {
    byte[] out = new byte[payloadLength];
    System.arraycopy(encoded, 0, out, 0, payloadLength);
    return out;
  }

  public Hash chainId() {
    return chainId;
  }

  public PublicKey sender() {
    return sender;
  }

  public long nonce() {
    return nonce;
  }

  public TxKind kind() {
    return kind;
  }

  public byte[] body() {
    return body.clone();
  }

  public byte[] signature() {
    return signature.clone();
  }

  public byte[] encode() {
    return encoded.clone();
  }

  public int encodedSize() {
    return encoded.length;
  }

  public Hash hash() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction t && hash.equals(t.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Tx[" + hash.toHex().substring(0, 12) + " " + kind + " nonce=" + nonce + "]";
  }
}
