package io.eris.node.application;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.node.application.ChainRepository.Head;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;

/** Read-only questions about the chain, answered from the node's database. */
@Stateless
public class ChainQueries {
  @Inject ChainRepository repository;
  @EJB NodeLifecycle lifecycle;
  @EJB ConsensusHost consensus;

  private boolean running() {
    return lifecycle.status() == NodeStatus.RUNNING;
  }

  public Optional<Head> head() {
    return running() ? Optional.of(repository.head()) : Optional.empty();
  }

  public Optional<Hash> chainId() {
    return lifecycle.config().map(c -> c.genesis().chainId());
  }

  /**
   * LEADER while the head was made by the leader, FALLBACK while proof-of-work carries it,
   * STANDBY-LEADER on the hot standby while it leads ({@link ConsensusHost#mode}).
   */
  public String mode() {
    Head head = repository.head();
    return consensus.mode(
        repository
            .byHash(head.hash())
            .map(b -> b.header().kind())
            .orElse(io.eris.core.model.BlockKind.LEADER));
  }

  public Optional<Block> canonicalAt(long height) {
    return running() ? repository.canonicalAt(height) : Optional.empty();
  }

  public Optional<Block> byHash(Hash hash) {
    return running() ? repository.byHash(hash) : Optional.empty();
  }

  public boolean isCanonical(Block block) {
    return repository.canonicalAt(block.height()).map(b -> b.equals(block)).orElse(false);
  }
}
