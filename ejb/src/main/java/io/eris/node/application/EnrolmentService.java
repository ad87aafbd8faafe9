package io.eris.node.application;

import io.eris.core.crypto.PublicKey;
import io.eris.core.ledger.GovernanceAction;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.ProposeBody;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.core.model.TxKind;
import io.eris.node.application.ChainRepository.Head;
import io.eris.node.infrastructure.config.NodeConfig;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Development enrolment: on a chain where this node's key alone is the governance quorum (1-of-N
 * signer), and only when {@code eris.dev.enrolment=true}, a new browser key is authorised by a
 * GOVERN_PROPOSE transaction signed by the node. Calls are serialised (a singleton's write lock) so
 * each gets the next nonce. Production chains enrol keys through their M-of-N governance process
 * instead; this switch is off by default.
 */
@Singleton
public class EnrolmentService {
  public static final String ENABLED = "eris.dev.enrolment";
  static final long STARTING_BALANCE = 1_000_000;
  static final List<String> ROLES = List.of("writer:shared");
  static final long PROPOSAL_LIFETIME_BLOCKS = 1_000;

  @Inject ChainRepository chain;
  @EJB TxService txService;
  @Inject TxRepository txs;

  /** The verdict of the governance tx that enrols {@code key}, or why enrolment is closed. */
  public TxStatusView enrol(NodeConfig config, PublicKey key) {
    boolean enabled =
        ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class).orElse(false);
    if (!enabled) {
      return TxStatusView.rejected(null, "ENROLMENT_CLOSED", ENABLED + " is not true on this node");
    }
    Head head = chain.head();
    Block block = chain.byHash(head.hash()).orElseThrow();
    LedgerState state = LedgerState.at(chain.stateNodes(), block.header().stateRoot());
    var governance = state.governance();
    if (governance.threshold() != 1
        || !governance.signers().contains(config.nodeKey().publicKey())) {
      return TxStatusView.rejected(
          null, "ENROLMENT_CLOSED", "this node's key is not a 1-of-N governance signer");
    }
    if (state.account(key.address()).isPresent()) {
      return TxStatusView.rejected(null, "ALREADY_ENROLLED", "the key has an account");
    }
    long nonce =
        state.nonce(config.nodeKey().address())
            + txs.pendingCount(config.nodeKey().address().toHex())
            + 1;
    ProposeBody body =
        new ProposeBody(
            head.height() + PROPOSAL_LIFETIME_BLOCKS,
            new GovernanceAction.AuthoriseAccount(key, STARTING_BALANCE, ROLES));
    Transaction tx =
        Transaction.sign(
            config.nodeKey(),
            config.genesis().chainId(),
            nonce,
            TxKind.GOVERN_PROPOSE,
            body.encode());
    return txService.submit(config, tx.encode());
  }
}
