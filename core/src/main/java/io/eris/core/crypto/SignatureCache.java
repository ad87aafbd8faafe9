package io.eris.core.crypto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers signatures that verified, so a transaction checked when it arrived on the {@code txs}
 * topic is not verified again when its block comes. Keyed by the hash of (key, message, signature);
 * only successes are cached, so a forged signature can never be remembered as good — except one
 * {@linkplain #vouch vouched for} by the caller on other evidence (a block's finality certificate:
 * validators holding the threshold of stake verified it before they voted).
 */
public final class SignatureCache {
  private final Map<Hash, Boolean> verified;

  public SignatureCache(int capacity) {
    this.verified =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  public boolean verify(PublicKey key, byte[] message, byte[] signature) {
    Hash id = Hash.sha256(key.unsafeBytes(), Hash.sha256(message).unsafeBytes(), signature);
    synchronized (verified) {
      if (verified.containsKey(id)) {
        return true;
      }
    }
    if (!Ed25519.verify(key, message, signature)) {
      return false;
    }
    synchronized (verified) {
      verified.put(id, Boolean.TRUE);
    }
    return true;
  }

  /**
   * Records a signature as good without verifying it. Only for signatures that evidence already
   * proves good: the caller carries that responsibility.
   */
  public void vouch(PublicKey key, byte[] message, byte[] signature) {
    Hash id = Hash.sha256(key.unsafeBytes(), Hash.sha256(message).unsafeBytes(), signature);
    synchronized (verified) {
      verified.put(id, Boolean.TRUE);
    }
  }

  public int size() {
    synchronized (verified) {
      return verified.size();
    }
  }
}
