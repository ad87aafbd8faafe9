package io.eris.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the canonical encoding: big-endian fixed-width integers, fixed-size byte strings as they
 * are, variable byte strings and lists prefixed by a u32 length or count. There is exactly one
 * encoding per value, so hashes and signatures over it are well defined.
 */
public final class CanonicalWriter {
  private byte[] buf;
  private int size;

  public CanonicalWriter() {
    this(256);
  }

  public CanonicalWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public CanonicalWriter u8(int v) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException("u8 out of range: " + v);
    }
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public CanonicalWriter u16(int v) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException("u16 out of range: " + v);
    }
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  public CanonicalWriter u32(long v) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException("u32 out of range: " + v);
    }
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Unsigned 64-bit values are limited to 0..2^63-1 so that Java and JavaScript agree. */
  public CanonicalWriter u64(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("u64 must not be negative: " + v);
    }
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  public CanonicalWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  /** A fixed-size field: written without a length. */
  public CanonicalWriter fixed(byte[] bytes, int expectedLength) {
    if (bytes.length != expectedLength) {
      throw new IllegalArgumentException(
          "fixed field needs " + expectedLength + " bytes, got " + bytes.length);
    }
    return raw(bytes);
  }

  /** A variable byte string: u32 length, then the bytes. */
  public CanonicalWriter bytes(byte[] bytes) {
    u32(bytes.length);
    return raw(bytes);
  }

  public CanonicalWriter string(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Bytes appended as they are (already canonical, e.g. a nested fixed-layout record). */
  public CanonicalWriter raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
