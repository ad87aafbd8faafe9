package io.eris.node.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** Runs a piece of the consensus loop's work in a transaction of its own. */
@Stateless
public class ConsensusTransactions {
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void run(Runnable work) {
    work.run();
  }
}
