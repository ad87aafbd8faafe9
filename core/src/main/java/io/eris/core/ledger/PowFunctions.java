package io.eris.core.ledger;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Genesis;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The proof-of-work functions a chain may name. The parameters of each are part of its name:
 * changing them means a new name (say {@code argon2id-v2}) that governance switches to at a height.
 *
 * <ul>
 *   <li>{@code sha256d-v1}: SHA-256(SHA-256(header encoding)).
 *   <li>{@code argon2id-v1}: Argon2id (RFC 9106, version 0x13) with password = header encoding,
 *       salt = the ASCII bytes {@code "eris-pow-argon2id-v1"}, memory 1024 KiB, 1 pass, 1 lane,
 *       32-byte output. Memory-hard enough to blunt ASICs at test-friendly cost (about a
 *       millisecond per hash); a chain wanting more memory defines a v2.
 * </ul>
 *
 * The PoW hash is compared with the target as a 256-bit unsigned big-endian number.
 */
public final class PowFunctions {
  public static final String SHA256D_V1 = Genesis.POW_SHA256D;
  public static final String ARGON2ID_V1 = Genesis.POW_ARGON2ID;

  public static final int ARGON2_MEMORY_KIB = 1024;
  public static final int ARGON2_ITERATIONS = 1;
  public static final int ARGON2_PARALLELISM = 1;
  private static final byte[] ARGON2_SALT =
      "eris-pow-argon2id-v1".getBytes(StandardCharsets.US_ASCII);

  public static final PowFunction SHA256D =
      new PowFunction() {
        @Override
        public String name() {
          return SHA256D_V1;
        }

        @Override
        public Hash hash(byte[] headerEncoding) {
          return Hash.doubleSha256(headerEncoding);
        }
      };

  public static final PowFunction ARGON2ID =
      new PowFunction() {
        private final Argon2Parameters params =
            new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(ARGON2_MEMORY_KIB)
                .withIterations(ARGON2_ITERATIONS)
                .withParallelism(ARGON2_PARALLELISM)
                .withSalt(ARGON2_SALT)
                .build();

        @Override
        public String name() {
          return ARGON2ID_V1;
        }

        @Override
        public Hash hash(byte[] headerEncoding) {
          Argon2BytesGenerator generator = new Argon2BytesGenerator();
          generator.init(params);
          byte[] out = new byte[Hash.SIZE];
          generator.generateBytes(headerEncoding, out);
          return Hash.wrap(out);
        }
      };

  private PowFunctions() {}

  public static boolean isKnown(String name) {
    return SHA256D_V1.equals(name) || ARGON2ID_V1.equals(name);
  }

  public static PowFunction byName(String name) {
    if (SHA256D_V1.equals(name)) {
      return SHA256D;
    }
    if (ARGON2ID_V1.equals(name)) {
      return ARGON2ID;
    }
    throw new IllegalArgumentException("unknown proof-of-work function " + name);
  }

  /** Whether {@code powHash <= target}, both as unsigned 256-bit numbers. */
  public static boolean meets(Hash powHash, Hash target) {
    return powHash.compareTo(target) <= 0;
  }
}
