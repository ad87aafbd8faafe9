package io.eris.core.model;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Address;

/**
 * Body of a {@link TxKind#TRANSFER}: {@code to[20] | u64 amount | string memo (at most 256 bytes)}.
 * The amount is positive.
 */
public record TransferBody(Address to, long amount, String memo) {
  public static final int MAX_MEMO_BYTES = 256;

  public TransferBody {
    if (amount <= 0) {
      throw new CodecException(ErrorCode.INVALID_BODY, "amount must be positive");
    }
    if (memo.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_MEMO_BYTES) {
      throw new CodecException(ErrorCode.FIELD_TOO_LARGE, "memo over 256 bytes");
    }
  }

  public byte[] encode() {
    return new CanonicalWriter(64)
        .fixed(to.unsafeBytes(), Address.SIZE)
        .u64(amount)
        .string(memo)
        .toByteArray();
  }

  public static TransferBody decode(byte[] body) {
    CanonicalReader r = new CanonicalReader(body, Limits.MAX_TX_BODY_BYTES);
    Address to = Address.wrap(r.fixed(Address.SIZE, "to"));
    long amount = r.u64("amount");
    String memo = r.string(MAX_MEMO_BYTES, "memo");
    r.finish("transfer body");
    return new TransferBody(to, amount, memo);
  }
}
