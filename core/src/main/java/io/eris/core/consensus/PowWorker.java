package io.eris.core.consensus;

import io.eris.core.ledger.Miner;
import io.eris.core.ledger.PowFunction;
import io.eris.core.model.BlockHeader;
import java.util.Optional;

/**
 * Port: one bounded step of a proof-of-work search, so the event loop can interleave mining with
 * other events and drop the attempt as soon as a valid block at that height arrives.
 */
public interface PowWorker {
  /**
   * Tries nonces {@code firstNonce ..} (at most {@code attempts}) on {@code template}; returns the
   * header with the first nonce whose {@code function} hash meets {@code template.powTarget()}.
   */
  Optional<BlockHeader> search(
      BlockHeader template, PowFunction function, long firstNonce, long attempts);

  /** Searches on the calling thread with the ledger's miner. */
  PowWorker LOCAL =
      (template, function, firstNonce, attempts) ->
          Optional.ofNullable(
              Miner.mine(template, function, firstNonce, attempts, () -> false).header());
}
