package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.model.Limits;

/**
 * Body of a GOVERN_PROPOSE: {@code u64 expiryHeight | action} (see {@link GovernanceAction}). The
 * proposal is open up to and including the block at {@code expiryHeight}; the proposer, a
 * governance signer, counts as its first approval.
 */
public record ProposeBody(long expiryHeight, GovernanceAction action) {
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(128).u64(expiryHeight);
    action.writeFields(w.u8(action.type()));
    return w.toByteArray();
  }

  public static ProposeBody decode(byte[] body) {
    CanonicalReader r = new CanonicalReader(body, Limits.MAX_TX_BODY_BYTES);
    ProposeBody b = new ProposeBody(r.u64("expiryHeight"), GovernanceAction.read(r));
    r.finish("propose body");
    return b;
  }
}
