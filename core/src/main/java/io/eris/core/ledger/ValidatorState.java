package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.PublicKey;
import java.util.List;

/**
 * A validator as stored under {@link StateKeys#validator}: it votes with {@code stake} and mines in
 * fallback with a target proportional to it.
 *
 * <pre>
 * u8 version=1 | publicKey[32] | u64 stake | u32 n | n x string role
 * </pre>
 */
public record ValidatorState(PublicKey publicKey, long stake, List<String> roles) {
  public static final int VERSION = 1;

  public ValidatorState {
    if (stake <= 0) {
      throw new IllegalArgumentException("a validator's stake is positive");
    }
    roles = Roles.canonical(roles);
  }

  public Address address() {
    return publicKey.address();
  }

  public byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(64 + 16 * roles.size())
            .u8(VERSION)
            .fixed(publicKey.unsafeBytes(), PublicKey.SIZE)
            .u64(stake);
    Roles.write(w, roles);
    return w.toByteArray();
  }

  public static ValidatorState decode(byte[] value) {
    CanonicalReader r = StateKeys.reader(value, VERSION, "validator");
    ValidatorState v =
        new ValidatorState(
            PublicKey.wrap(r.fixed(PublicKey.SIZE, "publicKey")), r.u64("stake"), Roles.read(r));
    r.finish("validator");
    return v;
  }
}
