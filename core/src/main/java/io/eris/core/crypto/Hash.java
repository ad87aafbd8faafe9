package io.eris.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest. Immutable; compares as an unsigned big-endian number, which is the order the
 * fork choice uses to break ties.
 */
public final class Hash extends FixedBytes implements Comparable<Hash> {
  public static final int SIZE = 32;
  public static final Hash ZERO = new Hash(new byte[SIZE]);

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              // The JDK's SHA-256 uses the CPU's SHA instructions: ~5x faster than BC's here.
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 missing from the JDK", e);
            }
          });

  private Hash(byte[] bytes) {
    super(bytes);
  }

  /** Wraps a copy of 32 bytes. */
  public static Hash wrap(byte[] bytes) {
    return new Hash(checked(bytes, SIZE, "a hash"));
  }

  public static Hash fromHex(String hex) {
    return wrap(HexFormat.of().parseHex(hex));
  }

  /** SHA-256 of the concatenation of the parts. */
  public static Hash sha256(byte[]... parts) {
    MessageDigest md = SHA256.get();
    for (byte[] part : parts) {
      md.update(part);
    }
    return new Hash(md.digest());
  }

  /** SHA-256 applied twice, as Bitcoin and the default proof-of-work use it. */
  public static Hash doubleSha256(byte[] data) {
    MessageDigest md = SHA256.get();
    byte[] first = md.digest(data);
    return new Hash(md.digest(first));
  }

  @Override
  public int compareTo(Hash o) {
    return compareBytes(o);
  }
}
