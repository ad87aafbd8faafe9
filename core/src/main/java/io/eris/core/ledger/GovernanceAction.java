package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import java.util.List;

/**
 * What a governance proposal does once M signers approved it. Encoding: {@code u8 type | fields},
 * the fields given per action below.
 */
public sealed interface GovernanceAction {
  int SET_VALIDATOR = 1;
  int REMOVE_VALIDATOR = 2;
  int SET_LEADER = 3;
  int SET_TIMING = 4;
  int SET_POW = 5;
  int REVOKE_KEY = 6;
  int AUTHORISE_ACCOUNT = 7;
  int SET_GOVERNANCE = 8;
  int RECOVER = 9;

  int type();

  void writeFields(CanonicalWriter w);

  default byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(128).u8(type());
    writeFields(w);
    return w.toByteArray();
  }

  /**
   * Adds a validator or sets the stake and roles of one: {@code key[32] | u64 stake (> 0) | roles}.
   * Opens an account for the key if it has none.
   */
  record SetValidator(PublicKey key, long stake, List<String> roles) implements GovernanceAction {
    public SetValidator {
      if (stake <= 0) {
        throw new CodecException(ErrorCode.INVALID_BODY, "stake must be positive");
      }
      roles = Roles.canonical(roles);
    }

    @Override
    public int type() {
      return SET_VALIDATOR;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.fixed(key.unsafeBytes(), PublicKey.SIZE).u64(stake);
      Roles.write(w, roles);
    }
  }

  /** Removes a validator: {@code address[20]}. Fails if it is the last one. */
  record RemoveValidator(Address address) implements GovernanceAction {
    @Override
    public int type() {
      return REMOVE_VALIDATOR;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.fixed(address.unsafeBytes(), Address.SIZE);
    }
  }

  /**
   * Installs a new leader key and raises the epoch floor of LEADER blocks: {@code key[32] | u64
   * epochFloor}. Opens an account for the key if it has none.
   */
  record SetLeader(PublicKey key, long epochFloor) implements GovernanceAction {
    public SetLeader {
      if (epochFloor < 0) {
        throw new CodecException(ErrorCode.INVALID_BODY, "epoch floor must not be negative");
      }
    }

    @Override
    public int type() {
      return SET_LEADER;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.fixed(key.unsafeBytes(), PublicKey.SIZE).u64(epochFloor);
    }
  }

  /**
   * Sets the block interval T and the leader timeout: {@code u32 blockIntervalMs | u32
   * leaderTimeoutMs}, with the genesis bounds (10..600000, timeout above T).
   */
  record SetTiming(int blockIntervalMs, int leaderTimeoutMs) implements GovernanceAction {
    public SetTiming {
      if (blockIntervalMs < 10 || blockIntervalMs > 600_000 || leaderTimeoutMs <= blockIntervalMs) {
        throw new CodecException(
            ErrorCode.INVALID_BODY, "T must be 10..600000 ms and the leader timeout above it");
      }
    }

    @Override
    public int type() {
      return SET_TIMING;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.u32(blockIntervalMs).u32(leaderTimeoutMs);
    }
  }

  /**
   * Switches the proof-of-work rule for blocks at heights {@code >= activationHeight} (or from the
   * next block, if that height has passed): {@code PowRule | u64 activationHeight}.
   */
  record SetPow(PowRule rule, long activationHeight) implements GovernanceAction {
    public SetPow {
      if (activationHeight < 0) {
        throw new CodecException(ErrorCode.INVALID_BODY, "activation height must not be negative");
      }
    }

    @Override
    public int type() {
      return SET_POW;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      rule.write(w);
      w.u64(activationHeight);
    }
  }

  /**
   * Revokes a compromised key: {@code address[20]}. Its account can no longer send (its
   * transactions, votes and blocks are refused), and it stops being a validator.
   */
  record RevokeKey(Address address) implements GovernanceAction {
    @Override
    public int type() {
      return REVOKE_KEY;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.fixed(address.unsafeBytes(), Address.SIZE);
    }
  }

  /**
   * Authorises an account key: {@code key[32] | u64 mint | roles}. Opens the account with {@code
   * mint} as balance, or, if it exists, replaces its roles and adds {@code mint} to its balance. A
   * revoked key stays revoked (the action fails).
   */
  record AuthoriseAccount(PublicKey key, long mint, List<String> roles)
      implements GovernanceAction {
    public AuthoriseAccount {
      if (mint < 0) {
        throw new CodecException(ErrorCode.INVALID_BODY, "mint must not be negative");
      }
      roles = Roles.canonical(roles);
    }

    @Override
    public int type() {
      return AUTHORISE_ACCOUNT;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.fixed(key.unsafeBytes(), PublicKey.SIZE).u64(mint);
      Roles.write(w, roles);
    }
  }

  /** Replaces the governance signers and threshold: as {@link GovernanceConfig} without version. */
  record SetGovernance(GovernanceConfig config) implements GovernanceAction {
    @Override
    public int type() {
      return SET_GOVERNANCE;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      GovernanceConfig.writeKeys(w, config.signers());
      w.u16(config.threshold());
    }
  }

  /**
   * Restores the user data to the state at an earlier height: {@code u64 height | stateRoot[32]},
   * the root of the block at that height on this chain (checked). See {@link BlockExecutor} for
   * what is restored and what survives.
   */
  record Recover(long height, Hash stateRoot) implements GovernanceAction {
    public Recover {
      if (height < 0) {
        throw new CodecException(ErrorCode.INVALID_BODY, "height must not be negative");
      }
    }

    @Override
    public int type() {
      return RECOVER;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.u64(height).fixed(stateRoot.unsafeBytes(), Hash.SIZE);
    }
  }

  static GovernanceAction read(CanonicalReader r) {
    int type = r.u8("action");
    return switch (type) {
      case SET_VALIDATOR ->
          new SetValidator(
              PublicKey.wrap(r.fixed(PublicKey.SIZE, "key")), r.u64("stake"), Roles.read(r));
      case REMOVE_VALIDATOR -> new RemoveValidator(Address.wrap(r.fixed(Address.SIZE, "address")));
      case SET_LEADER ->
          new SetLeader(PublicKey.wrap(r.fixed(PublicKey.SIZE, "key")), r.u64("epochFloor"));
      case SET_TIMING ->
          new SetTiming(
              (int) Math.min(Integer.MAX_VALUE, r.u32("blockIntervalMs")),
              (int) Math.min(Integer.MAX_VALUE, r.u32("leaderTimeoutMs")));
      case SET_POW -> new SetPow(PowRule.read(r), r.u64("activationHeight"));
      case REVOKE_KEY -> new RevokeKey(Address.wrap(r.fixed(Address.SIZE, "address")));
      case AUTHORISE_ACCOUNT ->
          new AuthoriseAccount(
              PublicKey.wrap(r.fixed(PublicKey.SIZE, "key")), r.u64("mint"), Roles.read(r));
      case SET_GOVERNANCE ->
          new SetGovernance(new GovernanceConfig(GovernanceConfig.readKeys(r), r.u16("threshold")));
      case RECOVER -> new Recover(r.u64("height"), Hash.wrap(r.fixed(Hash.SIZE, "stateRoot")));
      default ->
          throw new CodecException(ErrorCode.UNKNOWN_KIND, "unknown governance action " + type);
    };
  }

  static GovernanceAction decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes, StateKeys.MAX_VALUE_BYTES);
    GovernanceAction a = read(r);
    r.finish("governance action");
    return a;
  }
}
