package io.eris.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/** An account or node address: the first 20 bytes of SHA-256(public key), shown as hex. */
public final class Address extends FixedBytes implements Comparable<Address> {
  public static final int SIZE = 20;

  private Address(byte[] bytes) {
    super(bytes);
  }

  public static Address wrap(byte[] bytes) {
    return new Address(checked(bytes, SIZE, "an address"));
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

  @Override
  public int compareTo(Address o) {
    return compareBytes(o);
  }
}
