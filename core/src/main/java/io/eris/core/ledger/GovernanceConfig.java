package io.eris.core.ledger;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.PublicKey;
import io.eris.core.model.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * The governance signers and the number M of them whose approvals make a proposal take effect,
 * stored under {@link StateKeys#GOVERNANCE}.
 *
 * <pre>
 * u8 version=1 | u32 n | n x key[32] (sorted, unique) | u16 threshold
 * </pre>
 */
public record GovernanceConfig(List<PublicKey> signers, int threshold) {
  public static final int VERSION = 1;

  public GovernanceConfig {
    signers = List.copyOf(signers);
    if (signers.isEmpty() || signers.size() > Limits.MAX_VALIDATORS) {
      throw new CodecException(ErrorCode.INVALID_BODY, "1 to 1024 governance signers");
    }
    for (int i = 1; i < signers.size(); i++) {
      if (signers.get(i - 1).compareTo(signers.get(i)) >= 0) {
        throw new CodecException(ErrorCode.NON_CANONICAL, "signers must be sorted and unique");
      }
    }
    if (threshold < 1 || threshold > signers.size()) {
      throw new CodecException(ErrorCode.INVALID_BODY, "governance needs 1 <= M <= N");
    }
  }

  public boolean isSigner(Address address) {
    for (PublicKey k : signers) {
      if (k.address().equals(address)) {
        return true;
      }
    }
    return false;
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(8 + 32 * signers.size()).u8(VERSION);
    writeKeys(w, signers);
    return w.u16(threshold).toByteArray();
  }

  public static GovernanceConfig decode(byte[] value) {
    CanonicalReader r = StateKeys.reader(value, VERSION, "governance");
    GovernanceConfig g = new GovernanceConfig(readKeys(r), r.u16("threshold"));
    r.finish("governance");
    return g;
  }

  static void writeKeys(CanonicalWriter w, List<PublicKey> keys) {
    w.u32(keys.size());
    for (PublicKey k : keys) {
      w.fixed(k.unsafeBytes(), PublicKey.SIZE);
    }
  }

  static List<PublicKey> readKeys(CanonicalReader r) {
    int n = r.count(Limits.MAX_VALIDATORS, "signers");
    List<PublicKey> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(PublicKey.wrap(r.fixed(PublicKey.SIZE, "signer")));
    }
    return keys;
  }
}
