package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.state.StateChange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The layout of the ledger in the state tree: every entry's key starts with a one-byte type prefix,
 * and every value (except key-value entries, stored as written) starts with a u8 version, then the
 * canonical encoding of its record.
 *
 * <pre>
 * key                                         value
 * 0x01 | address[20]                          account          {@link AccountState}
 * 0x02 | address[20]                          validator        {@link ValidatorState}
 * 0x03 | u8 n | namespace (n bytes UTF-8) | k  key-value entry  the bytes written, as they are
 * 0x04 | proposalId[32]                       proposal         {@link Proposal}
 * 0x05 | u64 height                           anchor           {@link AnchorBody} of the ANCHOR tx
 * 0x10                                        chain parameters {@link ChainParams}
 * 0x11                                        validator set    u8 1 | u64 totalStake
 *                                                              | u32 n | n x address[20] (sorted)
 * 0x12                                        governance       {@link GovernanceConfig}
 * 0x13                                        open proposals   u8 1 | u32 n | n x id[32] (sorted)
 * </pre>
 *
 * Every key that may send a transaction (accounts, validators, governance signers, the leader) has
 * an account entry: it holds the nonce. A proposal's id is the hash of the GOVERN_PROPOSE
 * transaction that made it. A key-value state key is at most {@value #MAX_KEY_BYTES} bytes, so a
 * user key may have up to {@code 1022 - n} bytes in a namespace of {@code n} bytes.
 */
public final class StateKeys {
  public static final int ACCOUNT = 0x01;
  public static final int VALIDATOR = 0x02;
  public static final int KV = 0x03;
  public static final int PROPOSAL = 0x04;
  public static final int ANCHOR = 0x05;

  public static final byte[] PARAMS = {0x10};
  public static final byte[] VALIDATOR_SET = {0x11};
  public static final byte[] GOVERNANCE = {0x12};
  public static final byte[] OPEN_PROPOSALS = {0x13};

  public static final int MAX_KEY_BYTES = StateChange.MAX_KEY_BYTES;
  public static final int MAX_VALUE_BYTES = StateChange.MAX_VALUE_BYTES;

  private StateKeys() {}

  public static byte[] account(Address address) {
    return prefixed(ACCOUNT, address.unsafeBytes());
  }

  public static byte[] validator(Address address) {
    return prefixed(VALIDATOR, address.unsafeBytes());
  }

  /**
   * The state key of {@code key} in {@code namespace}.
   *
   * @throws CodecException FIELD_TOO_LARGE when the result exceeds {@value #MAX_KEY_BYTES} bytes
   */
  public static byte[] kv(String namespace, byte[] key) {
    byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
    if (ns.length > 255 || 2 + ns.length + key.length > MAX_KEY_BYTES) {
      throw new CodecException(
          ErrorCode.FIELD_TOO_LARGE,
          "namespace and key take "
              + (2 + ns.length + key.length)
              + " bytes of state key, limit "
              + MAX_KEY_BYTES);
    }
    return ByteBuffer.allocate(2 + ns.length + key.length)
        .put((byte) KV)
        .put((byte) ns.length)
        .put(ns)
        .put(key)
        .array();
  }

  public static byte[] proposal(Hash id) {
    return prefixed(PROPOSAL, id.unsafeBytes());
  }

  public static byte[] anchor(long height) {
    return ByteBuffer.allocate(9).put((byte) ANCHOR).putLong(height).array();
  }

  private static byte[] prefixed(int prefix, byte[] rest) {
    byte[] out = new byte[1 + rest.length];
    out[0] = (byte) prefix;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  /** A reader over a stored value, past its version byte. */
  static CanonicalReader reader(byte[] value, int version, String type) {
    CanonicalReader r = new CanonicalReader(value, MAX_VALUE_BYTES);
    int v = r.u8(type + " version");
    if (v != version) {
      throw new CodecException(
          ErrorCode.UNSUPPORTED_VERSION, type + " version " + v + " is not supported");
    }
    return r;
  }
}
