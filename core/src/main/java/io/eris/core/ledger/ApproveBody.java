package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Limits;

/** Body of a GOVERN_APPROVE: {@code proposalId[32]}, the hash of the proposing transaction. */
public record ApproveBody(Hash proposalId) {
  public byte[] encode() {
    return new CanonicalWriter(32).fixed(proposalId.unsafeBytes(), Hash.SIZE).toByteArray();
  }

  public static ApproveBody decode(byte[] body) {
    CanonicalReader r = new CanonicalReader(body, Limits.MAX_TX_BODY_BYTES);
    ApproveBody b = new ApproveBody(Hash.wrap(r.fixed(Hash.SIZE, "proposalId")));
    r.finish("approve body");
    return b;
  }
}
