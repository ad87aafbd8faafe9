package io.eris.core.model;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;

/** What a transaction does; the code is its canonical byte. */
public enum TxKind {
  WRITE(1),
  TRANSFER(2),
  GOVERN_PROPOSE(3),
  GOVERN_APPROVE(4),
  ANCHOR(5);

  private final int code;

  TxKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static TxKind fromCode(int code) {
    for (TxKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new CodecException(ErrorCode.UNKNOWN_KIND, "unknown transaction kind " + code);
  }
}
