package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;

/**
 * The proof-of-work rule for fallback blocks: which function ({@link PowFunctions}), the base
 * target (a 256-bit unsigned big-endian number; a miner with all the stake meets it in {@code
 * expectedBlockMs} on average) and the expected fallback block time.
 *
 * <pre>
 * string function | baseTarget[32] | u32 expectedBlockMs
 * </pre>
 */
public record PowRule(String function, Hash baseTarget, int expectedBlockMs) {
  public PowRule {
    if (!PowFunctions.isKnown(function)) {
      throw new CodecException(
          ErrorCode.INVALID_BODY, "unknown proof-of-work function " + function);
    }
    if (baseTarget.equals(Hash.ZERO)) {
      throw new CodecException(ErrorCode.INVALID_BODY, "the base target must not be zero");
    }
    if (expectedBlockMs <= 0) {
      throw new CodecException(ErrorCode.INVALID_BODY, "expectedBlockMs must be positive");
    }
  }

  void write(CanonicalWriter w) {
    w.string(function).fixed(baseTarget.unsafeBytes(), Hash.SIZE).u32(expectedBlockMs);
  }

  static PowRule read(CanonicalReader r) {
    return new PowRule(
        r.string(32, "powFunction"),
        Hash.wrap(r.fixed(Hash.SIZE, "baseTarget")),
        (int) Math.min(Integer.MAX_VALUE, r.u32("expectedBlockMs")));
  }
}
