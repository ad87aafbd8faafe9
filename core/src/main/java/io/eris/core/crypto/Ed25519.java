package io.eris.core.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 through Bouncy Castle's lightweight API (about 8x faster to verify than the JDK's
 * provider on these machines).
 */
public final class Ed25519 {
  public static final int SIGNATURE_SIZE = 64;

  private Ed25519() {}

  /** True when {@code signature} is a valid signature of {@code message} by {@code key}. */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature == null || signature.length != SIGNATURE_SIZE) {
      return false;
    }
    Ed25519PublicKeyParameters params;
    try {
      params = new Ed25519PublicKeyParameters(key.unsafeBytes(), 0);
    } catch (IllegalArgumentException e) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, params);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  /** A new random key pair from a strong random source. */
  public static KeyPair generate() {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    return KeyPair.fromSeed(seed);
  }

  static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }
}
