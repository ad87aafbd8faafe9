package io.eris.node.application;

import io.eris.core.crypto.Hash;
import io.eris.core.ledger.GenesisState;
import io.eris.core.model.Genesis;
import io.eris.node.application.ChainRepository.Head;
import io.eris.node.infrastructure.config.NodeConfig;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Opens the node's chain in its database: checks that the database belongs to the configured chain,
 * or initialises it with the genesis block and state. The consensus host takes it from there.
 */
@Stateless
public class ChainService {
  private static final Logger LOG = Logger.getLogger(ChainService.class.getName());

  @Inject ChainRepository repository;

  private final Clock clock = Clock.systemUTC();

  /** Opens the stored chain, or initialises the database with the genesis block. */
  public void open(NodeConfig config) {
    Genesis genesis = config.genesis();
    Hash chainId = genesis.chainId();
    var stored = repository.storedChainId();
    if (stored.isPresent()) {
      if (!stored.get().equals(chainId.toHex())) {
        throw new ChainMismatchException(
            "the database belongs to chain "
                + stored.get()
                + " but the configured genesis is chain "
                + chainId
                + "; refusing to mix chains");
      }
      Head head = repository.head();
      LOG.info(
          () -> "chain opened at height " + head.height() + " (final " + head.finalHeight() + ")");
      return;
    }
    GenesisState initial = GenesisState.of(genesis);
    repository.putStateNodes(initial.nodes());
    repository.initialise(
        genesis, config.nodeKey().address().toHex(), initial.block(), clock.instant());
    LOG.info(() -> "chain " + chainId + " initialised from genesis");
  }
}
