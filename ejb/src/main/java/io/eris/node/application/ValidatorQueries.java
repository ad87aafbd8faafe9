package io.eris.node.application;

import io.eris.core.consensus.EquivocationEvidence;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.ValidatorState;
import io.eris.core.model.Block;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** The validator set in force at the head, with each validator's last vote seen here. */
@Stateless
public class ValidatorQueries {
  @Inject ChainRepository chain;
  @Inject ConsensusRecords records;

  /** One validator as operators see it. */
  public record ValidatorView(String address, String publicKey, long stake, Long lastVoteHeight) {}

  public List<ValidatorView> validators() {
    Block head = chain.byHash(chain.head().hash()).orElseThrow();
    LedgerState state = LedgerState.at(chain.stateNodes(), head.header().stateRoot());
    Map<String, Long> last = records.lastVoteHeights();
    return state.validators().stream()
        .map(
            (ValidatorState v) -> {
              String address = v.publicKey().address().toHex();
              return new ValidatorView(
                  address, v.publicKey().toHex(), v.stake(), last.get(address));
            })
        .toList();
  }

  public List<EquivocationEvidence> evidence(int max) {
    return records.evidence(max);
  }

  public long outboxSize() {
    return records.outboxSize();
  }
}
