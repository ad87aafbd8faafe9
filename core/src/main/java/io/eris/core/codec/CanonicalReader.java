package io.eris.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the canonical encoding written by {@link CanonicalWriter}. Every read is bounded; anything
 * that is not the one canonical form of a value is rejected with a {@link CodecException} carrying
 * a stable {@link ErrorCode}.
 */
public final class CanonicalReader {
  private final byte[] data;
  private int pos;
  private final int end;

  public CanonicalReader(byte[] data, int maxSize) {
    if (data.length > maxSize) {
      throw new CodecException(
          ErrorCode.MESSAGE_TOO_LARGE, data.length + " bytes, limit " + maxSize);
    }
    this.data = data;
    this.end = data.length;
  }

  private void need(int n, String field) {
    if (n < 0 || end - pos < n) {
      throw new CodecException(ErrorCode.TRUNCATED, "input ends inside " + field);
    }
  }

  public int u8(String field) {
    need(1, field);
    return data[pos++] & 0xff;
  }

  public int u16(String field) {
    need(2, field);
    int v = (data[pos] & 0xff) << 8 | data[pos + 1] & 0xff;
    pos += 2;
    return v;
  }

  public long u32(String field) {
    need(4, field);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = v << 8 | (data[pos++] & 0xff);
    }
    return v;
  }

  public long u64(String field) {
    need(8, field);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (data[pos++] & 0xff);
    }
    if (v < 0) {
      throw new CodecException(ErrorCode.NON_CANONICAL, field + " exceeds 2^63-1");
    }
    return v;
  }

  /** A u32 that must fit a Java int; larger values are refused, never clamped. */
  public int u32AsInt(String field) {
    long v = u32(field);
    if (v > Integer.MAX_VALUE) {
      throw new CodecException(ErrorCode.FIELD_TOO_LARGE, field + " exceeds 2^31-1");
    }
    return (int) v;
  }

  public boolean bool(String field) {
    int v = u8(field);
    if (v > 1) {
      throw new CodecException(ErrorCode.NON_CANONICAL, field + " is not 0 or 1");
    }
    return v == 1;
  }

  public byte[] fixed(int length, String field) {
    need(length, field);
    byte[] out = Arrays.copyOfRange(data, pos, pos + length);
    pos += length;
    return out;
  }

  public byte[] bytes(int maxLength, String field) {
    long len = u32(field + " length");
    if (len > maxLength) {
      throw new CodecException(
          ErrorCode.FIELD_TOO_LARGE, field + " has " + len + " bytes, limit " + maxLength);
    }
    return fixed((int) len, field);
  }

  public String string(int maxBytes, String field) {
    byte[] raw = bytes(maxBytes, field);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CodecException(ErrorCode.INVALID_UTF8, field + " is not valid UTF-8");
    }
  }

  /** A list count, bounded before any item is read. */
  public int count(int maxCount, String field) {
    long n = u32(field + " count");
    if (n > maxCount) {
      throw new CodecException(
          ErrorCode.FIELD_TOO_LARGE, field + " has " + n + " items, limit " + maxCount);
    }
    return (int) n;
  }

  /** Checks the leading type tag and version of a top-level message. */
  public void header(int expectedTag, int expectedVersion, String type) {
    int tag = u8(type + " tag");
    if (tag != expectedTag) {
      throw new CodecException(
          ErrorCode.UNKNOWN_TYPE, "expected " + type + " (tag " + expectedTag + "), got " + tag);
    }
    int version = u8(type + " version");
    if (version != expectedVersion) {
      throw new CodecException(
          ErrorCode.UNSUPPORTED_VERSION, type + " version " + version + " is not supported");
    }
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  /** Fails unless every byte was consumed. */
  public void finish(String type) {
    if (pos != end) {
      throw new CodecException(
          ErrorCode.TRAILING_BYTES, (end - pos) + " bytes after the end of the " + type);
    }
  }
}
