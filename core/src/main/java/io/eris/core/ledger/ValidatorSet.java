package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.crypto.Address;
import io.eris.core.model.Limits;
import java.util.ArrayList;
import java.util.List;

/** The validator set index: total stake and the validators' addresses, sorted. */
record ValidatorSet(long totalStake, List<Address> addresses) {
  ValidatorSet {
    addresses = List.copyOf(addresses);
  }

  byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(16 + 20 * addresses.size()).u8(1).u64(totalStake).u32(addresses.size());
    for (Address a : addresses) {
      w.fixed(a.unsafeBytes(), Address.SIZE);
    }
    return w.toByteArray();
  }

  static ValidatorSet decode(byte[] v) {
    CanonicalReader r = StateKeys.reader(v, 1, "validator set");
    long total = r.u64("totalStake");
    int n = r.count(Limits.MAX_VALIDATORS, "validators");
    List<Address> addresses = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      addresses.add(Address.wrap(r.fixed(Address.SIZE, "validator")));
    }
    r.finish("validator set");
    return new ValidatorSet(total, addresses);
  }
}
