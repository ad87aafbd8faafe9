package io.eris.light.verify;

import io.eris.core.crypto.Hash;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Vote;
import java.util.List;

/**
 * A state read that passed every check: the value (null: absent) under {@code stateKey} at the
 * final block {@code header}, the proof that held, and the votes that made the block final.
 */
public record VerifiedRead(
    BlockHeader header,
    Hash blockHash,
    byte[] stateKey,
    byte[] value,
    byte[] proof,
    List<Vote> votes) {
  public VerifiedRead {
    votes = List.copyOf(votes);
  }

  public long height() {
    return header.height();
  }
}
