package io.eris.core.crypto;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** An Ed25519 key pair. The seed is the 32-byte RFC 8032 private key. */
public final class KeyPair {
  private final Ed25519PrivateKeyParameters privateKey;
  private final PublicKey publicKey;

  private KeyPair(Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = PublicKey.wrap(privateKey.generatePublicKey().getEncoded());
  }

  public static KeyPair fromSeed(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
    }
    return new KeyPair(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** A key derived from a label: for tests, simulations and test vectors only. */
  public static KeyPair deterministic(String label) {
    return fromSeed(
        Hash.sha256(("eris-test-key:" + label).getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toBytes());
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public Address address() {
    return publicKey.address();
  }

  public byte[] seed() {
    return privateKey.getEncoded();
  }

  public byte[] sign(byte[] message) {
    return Ed25519.sign(privateKey, message);
  }

  @Override
  public String toString() {
    return "KeyPair[" + publicKey.address() + "]";
  }
}
