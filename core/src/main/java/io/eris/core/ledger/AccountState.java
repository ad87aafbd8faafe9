package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.PublicKey;
import java.util.List;

/**
 * An account as stored under {@link StateKeys#account}: its key, balance, the last nonce it used (0
 * before its first transaction), whether governance revoked it, and its roles.
 *
 * <pre>
 * u8 version=1 | publicKey[32] | u64 balance | u64 nonce | u8 revoked (0/1)
 * | u32 n | n x string role      (roles sorted, unique)
 * </pre>
 *
 * A browser reads this value from a state proof, so keep the layout this simple.
 */
public record AccountState(
    PublicKey publicKey, long balance, long nonce, boolean revoked, List<String> roles) {
  public static final int VERSION = 1;

  public AccountState {
    if (balance < 0 || nonce < 0) {
      throw new IllegalArgumentException("balance and nonce are non-negative");
    }
    roles = Roles.canonical(roles);
  }

  public static AccountState open(PublicKey key, long balance, List<String> roles) {
    return new AccountState(key, balance, 0, false, roles);
  }

  public Address address() {
    return publicKey.address();
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public AccountState withBalance(long newBalance) {
    return new AccountState(publicKey, newBalance, nonce, revoked, roles);
  }

  public AccountState withNonce(long newNonce) {
    return new AccountState(publicKey, balance, newNonce, revoked, roles);
  }

  public AccountState withRoles(List<String> newRoles) {
    return new AccountState(publicKey, balance, nonce, revoked, newRoles);
  }

  public AccountState revoke() {
    return new AccountState(publicKey, balance, nonce, true, roles);
  }

  public byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(64 + 16 * roles.size())
            .u8(VERSION)
            .fixed(publicKey.unsafeBytes(), PublicKey.SIZE)
            .u64(balance)
            .u64(nonce)
            .bool(revoked);
    Roles.write(w, roles);
    return w.toByteArray();
  }

  public static AccountState decode(byte[] value) {
    CanonicalReader r = StateKeys.reader(value, VERSION, "account");
    AccountState a =
        new AccountState(
            PublicKey.wrap(r.fixed(PublicKey.SIZE, "publicKey")),
            r.u64("balance"),
            r.u64("nonce"),
            r.bool("revoked"),
            Roles.read(r));
    r.finish("account");
    return a;
  }
}
