package io.eris.node.application;

import io.eris.core.ledger.LedgerState;
import io.eris.core.model.Block;
import io.eris.node.application.ChainRepository.Head;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Reads of the state with proofs, always at the highest final block. */
@Stateless
public class StateQueries {
  @Inject ChainRepository chain;
  @Inject TxRepository txs;
  @EJB NodeLifecycle lifecycle;

  public Optional<StateRead> read(byte[] stateKey) {
    if (lifecycle.status() != NodeStatus.RUNNING) {
      return Optional.empty();
    }
    Head head = chain.head();
    Block block = chain.byHash(head.finalHash()).orElseThrow();
    LedgerState state = LedgerState.at(chain.stateNodes(), block.header().stateRoot());
    return Optional.of(
        new StateRead(
            block,
            stateKey,
            state.raw(stateKey),
            state.prove(stateKey),
            chain.votesFor(block.hash())));
  }

  public List<TxStatusView> history(String address, int max) {
    return txs.history(address, max);
  }
}
