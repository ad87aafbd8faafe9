package io.eris.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/** An Ed25519 public key (32 bytes, RFC 8032 encoding). */
public final class PublicKey implements Comparable<PublicKey> {
  public static final int SIZE = 32;
  private final byte[] bytes;
  private volatile Address address;

  private PublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  public static PublicKey wrap(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + bytes.length);
    }
    return new PublicKey(bytes.clone());
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

  public byte[] toBytes() {
    return bytes.clone();
  }

  public byte[] unsafeBytes() {
    return bytes;
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public int compareTo(PublicKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
