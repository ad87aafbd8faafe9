package io.eris.core.ledger;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;

/**
 * The answer to "is this acceptable?": {@link #OK}, or a stable {@link ErrorCode} with a message
 * for humans.
 */
public record Verdict(ErrorCode code, String message) {
  public static final Verdict OK = new Verdict(null, "ok");

  public static Verdict reject(ErrorCode code, String message) {
    if (code == null) {
      throw new IllegalArgumentException("a rejection needs a code");
    }
    return new Verdict(code, message);
  }

  static Verdict of(CodecException e) {
    return new Verdict(e.code(), e.getMessage());
  }

  public boolean isOk() {
    return code == null;
  }

  @Override
  public String toString() {
    return isOk() ? "OK" : code + ": " + message;
  }
}
