package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of the ledger layout over raw state entries; shared by the views and the rules. */
interface StateReads {
  /** The value under a state key, or null when absent. */
  byte[] raw(byte[] key);

  default AccountState accountOrNull(Address address) {
    byte[] v = raw(StateKeys.account(address));
    return v == null ? null : AccountState.decode(v);
  }

  default ValidatorState validatorOrNull(Address address) {
    byte[] v = raw(StateKeys.validator(address));
    return v == null ? null : ValidatorState.decode(v);
  }

  default ChainParams params() {
    return ChainParams.decode(required(StateKeys.PARAMS, "chain parameters"));
  }

  default GovernanceConfig governance() {
    return GovernanceConfig.decode(required(StateKeys.GOVERNANCE, "governance"));
  }

  default ValidatorSet validatorSet() {
    return ValidatorSet.decode(required(StateKeys.VALIDATOR_SET, "validator set"));
  }

  default Proposal proposalOrNull(Hash id) {
    byte[] v = raw(StateKeys.proposal(id));
    return v == null ? null : Proposal.decode(id, v);
  }

  default List<Hash> openProposalIds() {
    byte[] v = raw(StateKeys.OPEN_PROPOSALS);
    return v == null ? List.of() : decodeIds(v);
  }

  private byte[] required(byte[] key, String what) {
    byte[] v = raw(key);
    if (v == null) {
      throw new IllegalStateException("the state has no " + what + " entry");
    }
    return v;
  }

  static byte[] encodeIds(List<Hash> ids) {
    CanonicalWriter w = new CanonicalWriter(8 + 32 * ids.size()).u8(1).u32(ids.size());
    for (Hash id : ids) {
      w.fixed(id.unsafeBytes(), Hash.SIZE);
    }
    return w.toByteArray();
  }

  static List<Hash> decodeIds(byte[] v) {
    CanonicalReader r = StateKeys.reader(v, 1, "open proposals");
    int n = r.count(Ledger.MAX_OPEN_PROPOSALS, "open proposals");
    List<Hash> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(Hash.wrap(r.fixed(Hash.SIZE, "proposal id")));
    }
    r.finish("open proposals");
    return ids;
  }
}
