package io.eris.core.crypto;

import java.util.HexFormat;

/** An Ed25519 public key (32 bytes, RFC 8032 encoding). */
public final class PublicKey extends FixedBytes implements Comparable<PublicKey> {
  public static final int SIZE = 32;
  private volatile Address address;

  private PublicKey(byte[] bytes) {
    super(bytes);
  }

  public static PublicKey wrap(byte[] bytes) {
    return new PublicKey(checked(bytes, SIZE, "an Ed25519 public key"));
  }

  public static PublicKey fromHex(String hex) {
    return wrap(HexFormat.of().parseHex(hex));
  }

  public Address address() {
    Address a = address;
    if (a == null) {
      a = Address.of(this);
      address = a;
    }
    return a;
  }

  @Override
  public int compareTo(PublicKey o) {
    return compareBytes(o);
  }
}
