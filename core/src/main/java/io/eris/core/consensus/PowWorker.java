package io.eris.core.consensus;

import io.eris.core.ledger.Miner;
import io.eris.core.ledger.PowFunction;
import io.eris.core.model.BlockHeader;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port: one bounded step of a proof-of-work search. The node never waits for it: it starts a step
 * and hears the outcome as a {@link ConsensusEvent.PowSearched} event, so a host can search on
 * another thread (a managed executor) while the event loop goes on, and the node drops the attempt
 * as soon as a valid block at that height arrives.
 */
public interface PowWorker {
  /**
   * Tries nonces {@code firstNonce ..} (at most {@code attempts}) on {@code template} and hands
   * {@code done} the header with the first nonce whose {@code function} hash meets {@code
   * template.powTarget()}, or empty. {@code done} may be called on any thread, once.
   */
  void search(
      BlockHeader template,
      PowFunction function,
      long firstNonce,
      long attempts,
      Consumer<Optional<BlockHeader>> done);

  /** The ledger's miner, on the calling thread: for tests and simulations (deterministic). */
  PowWorker LOCAL =
      (template, function, firstNonce, attempts, done) ->
          done.accept(
              Optional.ofNullable(
                  Miner.mine(template, function, firstNonce, attempts, () -> false).header()));
}
