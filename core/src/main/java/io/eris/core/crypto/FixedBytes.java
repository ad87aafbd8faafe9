package io.eris.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string of fixed size (a hash, an address, a public key): value equality within
 * one type, unsigned big-endian order, lower-case hex.
 */
abstract class FixedBytes {
  private final byte[] bytes;

  FixedBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  static byte[] checked(byte[] bytes, int size, String what) {
    if (bytes.length != size) {
      throw new IllegalArgumentException(what + " has " + size + " bytes, got " + bytes.length);
    }
    return bytes.clone();
  }

  public final byte[] toBytes() {
    return bytes.clone();
  }

  /** The backing array, for hot paths that promise not to modify it. */
  public final byte[] unsafeBytes() {
    return bytes;
  }

  public final String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  final int compareBytes(FixedBytes o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
  }

  /** The first four bytes: the content is (a prefix of) a cryptographic hash. */
  @Override
  public final int hashCode() {
    return (bytes[0] & 0xff) << 24
        | (bytes[1] & 0xff) << 16
        | (bytes[2] & 0xff) << 8
        | bytes[3] & 0xff;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
