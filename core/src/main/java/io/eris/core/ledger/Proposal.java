package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * A governance proposal as stored under {@link StateKeys#proposal}. It stays in the state after it
 * closed, so the history of governance (recoveries included) can be read and proven.
 *
 * <pre>
 * u8 version=1 | proposer[20] | u64 createdHeight | u64 expiryHeight | action
 * | u32 n | n x approver address[20] (sorted) | u8 status (0 OPEN, 1 EXECUTED, 2 FAILED)
 * | u64 closedHeight | string outcome
 * </pre>
 */
public record Proposal(
    Hash id,
    Address proposer,
    long createdHeight,
    long expiryHeight,
    GovernanceAction action,
    List<Address> approvals,
    Status status,
    long closedHeight,
    String outcome) {
  public static final int VERSION = 1;

  /** OPEN until the M-th approval; then EXECUTED, or FAILED when the action could not apply. */
  public enum Status {
    OPEN,
    EXECUTED,
    FAILED
  }

  public Proposal {
    approvals = List.copyOf(approvals);
  }

  /** Open and not expired at {@code height}. */
  public boolean isOpenAt(long height) {
    return status == Status.OPEN && height <= expiryHeight;
  }

  Proposal withApproval(Address approver) {
    List<Address> next = new ArrayList<>(approvals);
    next.add(approver);
    next.sort(null);
    return new Proposal(
        id, proposer, createdHeight, expiryHeight, action, next, status, closedHeight, outcome);
  }

  Proposal close(Status newStatus, long height, String why) {
    return new Proposal(
        id, proposer, createdHeight, expiryHeight, action, approvals, newStatus, height, why);
  }

  public byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(256)
            .u8(VERSION)
            .fixed(proposer.unsafeBytes(), Address.SIZE)
            .u64(createdHeight)
            .u64(expiryHeight);
    action.writeFields(w.u8(action.type()));
    w.u32(approvals.size());
    for (Address a : approvals) {
      w.fixed(a.unsafeBytes(), Address.SIZE);
    }
    return w.u8(status.ordinal()).u64(closedHeight).string(outcome).toByteArray();
  }

  public static Proposal decode(Hash id, byte[] value) {
    CanonicalReader r = StateKeys.reader(value, VERSION, "proposal");
    Address proposer = Address.wrap(r.fixed(Address.SIZE, "proposer"));
    long created = r.u64("createdHeight");
    long expiry = r.u64("expiryHeight");
    GovernanceAction action = GovernanceAction.read(r);
    int n = r.count(Limits.MAX_VALIDATORS, "approvals");
    List<Address> approvals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      approvals.add(Address.wrap(r.fixed(Address.SIZE, "approver")));
    }
    int s = r.u8("status");
    if (s >= Status.values().length) {
      throw new CodecException(ErrorCode.UNKNOWN_KIND, "proposal status " + s);
    }
    Proposal p =
        new Proposal(
            id,
            proposer,
            created,
            expiry,
            action,
            approvals,
            Status.values()[s],
            r.u64("closedHeight"),
            r.string(1024, "outcome"));
    r.finish("proposal");
    return p;
  }
}
