package io.eris.core.consensus;

import io.eris.core.crypto.PublicKey;
import io.eris.core.model.Vote;

/**
 * Two votes signed by one validator for different blocks at one height: proof that the key
 * misbehaved, usable in a governance revocation. Both votes carry valid signatures.
 */
public record EquivocationEvidence(Vote first, Vote second) {
  public EquivocationEvidence {
    if (!first.voter().equals(second.voter())
        || first.height() != second.height()
        || first.blockHash().equals(second.blockHash())) {
      throw new IllegalArgumentException("not an equivocation");
    }
  }

  public PublicKey voter() {
    return first.voter();
  }

  public long height() {
    return first.height();
  }
}
