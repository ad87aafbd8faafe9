package io.eris.core.codec;

/** Input was rejected; {@link #code()} is stable, the message is for humans. */
public class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public CodecException(ErrorCode code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
