package io.eris.node.application;

import io.eris.core.crypto.Hash;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.ledger.BitcoinNetwork;
import io.eris.core.ledger.BlockExecutor;
import io.eris.core.ledger.BlockProducer;
import io.eris.core.ledger.BlockValidator;
import io.eris.core.state.TreeNodeStore;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

/**
 * The core's ledger rules bound to this node: one signature cache for the node's life (a tx
 * verified on arrival is not verified again in its block), executors over the caller's store.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LedgerRules {
  /** How far in the future a block's timestamp may be, for clocks that drift. */
  static final long MAX_CLOCK_SKEW_MS = 2_000;

  private final SignatureCache signatures = new SignatureCache(200_000);

  public SignatureCache signatures() {
    return signatures;
  }

  public BlockExecutor executor(Hash chainId, TreeNodeStore store) {
    return new BlockExecutor(chainId, store, signatures, BitcoinNetwork.MAINNET);
  }

  public BlockProducer producer(Hash chainId, TreeNodeStore store) {
    return new BlockProducer(chainId, executor(chainId, store));
  }

  public BlockValidator validator(Hash chainId, TreeNodeStore store) {
    return new BlockValidator(chainId, executor(chainId, store), signatures, MAX_CLOCK_SKEW_MS);
  }
}
