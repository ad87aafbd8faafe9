package io.eris.core.model;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import java.util.Arrays;
import java.util.List;

/**
 * Body of a {@link TxKind#WRITE}: puts and deletes in one namespace.
 *
 * <pre>
 * string namespace ("" = the sender's own namespace, its address) | u32 count | count x op
 * op = u8 1 (put) | bytes key | bytes value      or      u8 2 (delete) | bytes key
 * </pre>
 *
 * Keys are strictly increasing (unsigned byte order), so one set of changes has one encoding.
 */
public record WriteBody(String namespace, List<Op> ops) {
  public static final int PUT = 1;
  public static final int DELETE = 2;

  /** One change; {@code value} is null for a delete. */
  public record Op(byte[] key, byte[] value) {
    public static Op put(byte[] key, byte[] value) {
      return new Op(key.clone(), value.clone());
    }

    public static Op delete(byte[] key) {
      return new Op(key.clone(), null);
    }

    public boolean isDelete() {
      return value == null;
    }
  }

  public WriteBody {
    ops = List.copyOf(ops);
    checkCanonical(namespace, ops);
  }

  private static void checkCanonical(String namespace, List<Op> ops) {
    if (namespace.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        > Limits.MAX_NAMESPACE_BYTES) {
      throw new CodecException(ErrorCode.FIELD_TOO_LARGE, "namespace too long");
    }
    if (ops.isEmpty() || ops.size() > Limits.MAX_WRITE_OPS) {
      throw new CodecException(
          ErrorCode.INVALID_BODY, "a write has 1 to " + Limits.MAX_WRITE_OPS + " operations");
    }
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      if (op.key().length == 0) {
        throw new CodecException(ErrorCode.INVALID_BODY, "an empty key");
      }
      if (op.key().length > Limits.MAX_KEY_BYTES) {
        throw new CodecException(ErrorCode.FIELD_TOO_LARGE, "key over 1024 bytes");
      }
      if (op.value() != null && op.value().length > Limits.MAX_VALUE_BYTES) {
        throw new CodecException(ErrorCode.FIELD_TOO_LARGE, "value over 64 KiB");
      }
      if (i > 0 && Arrays.compareUnsigned(ops.get(i - 1).key(), op.key()) >= 0) {
        throw new CodecException(ErrorCode.NON_CANONICAL, "write keys must be strictly increasing");
      }
    }
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter().string(namespace).u32(ops.size());
    for (Op op : ops) {
      if (op.isDelete()) {
        w.u8(DELETE).bytes(op.key());
      } else {
        w.u8(PUT).bytes(op.key()).bytes(op.value());
      }
    }
    return w.toByteArray();
  }

  public static WriteBody decode(byte[] body) {
    CanonicalReader r = new CanonicalReader(body, Limits.MAX_TX_BODY_BYTES);
    String namespace = r.string(Limits.MAX_NAMESPACE_BYTES, "namespace");
    int n = r.count(Limits.MAX_WRITE_OPS, "ops");
    Op[] ops = new Op[n];
    for (int i = 0; i < n; i++) {
      int code = r.u8("op");
      byte[] key = r.bytes(Limits.MAX_KEY_BYTES, "key");
      if (code == PUT) {
        ops[i] = new Op(key, r.bytes(Limits.MAX_VALUE_BYTES, "value"));
      } else if (code == DELETE) {
        ops[i] = new Op(key, null);
      } else {
        throw new CodecException(ErrorCode.UNKNOWN_KIND, "unknown write op " + code);
      }
    }
    r.finish("write body");
    return new WriteBody(namespace, Arrays.asList(ops));
  }
}
