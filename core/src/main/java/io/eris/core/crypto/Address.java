package io.eris.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/** An account or node address: the first 20 bytes of SHA-256(public key), shown as hex. */
public final class Address implements Comparable<Address> {
  public static final int SIZE = 20;
  private final byte[] bytes;

  private Address(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Address wrap(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("an address has 20 bytes, got " + bytes.length);
    }
    return new Address(bytes.clone());
  }

  public static Address of(PublicKey key) {
    return new Address(Arrays.copyOf(Hash.sha256(key.unsafeBytes()).unsafeBytes(), SIZE));
  }

  /** Parses 40 lower-case hex digits; anything else is refused. */
  public static Address fromHex(String hex) {
    if (hex == null || hex.length() != 2 * SIZE || !hex.equals(hex.toLowerCase())) {
      throw new IllegalArgumentException("an address is 40 lower-case hex digits");
    }
    return new Address(HexFormat.of().parseHex(hex));
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
  public int compareTo(Address o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && Arrays.equals(bytes, a.bytes);
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
