package io.eris.core.ledger;

/**
 * The outcome of validating a received block: OK with the execution (whose new state nodes the host
 * persists with the block), or the reason it is invalid (execution then null, or failed).
 */
public record BlockVerdict(Verdict verdict, ExecutionResult execution) {
  static BlockVerdict reject(io.eris.core.codec.ErrorCode code, String message) {
    return new BlockVerdict(Verdict.reject(code, message), null);
  }

  public boolean isOk() {
    return verdict.isOk();
  }
}
