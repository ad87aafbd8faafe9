package io.eris.node.application;

import io.eris.core.crypto.SignatureCache;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

/**
 * The node's one signature cache, for its whole life: a transaction verified when it arrived on the
 * {@code txs} topic is not verified again when its block comes.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LedgerRules {
  private final SignatureCache signatures = new SignatureCache(200_000);

  public SignatureCache signatures() {
    return signatures;
  }
}
