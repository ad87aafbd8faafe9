package io.eris.core.ledger;

import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Offline verification of a Bitcoin anchor: no Bitcoin node is asked anything. It checks that the
 * raw transaction hashes to the txid and carries the anchor message in an OP_RETURN output, that
 * the Merkle branch leads from the txid to the header's Merkle root, that the header hashes to the
 * given block hash and meets its own nBits target, and that this target is no easier than the
 * network's proof-of-work limit.
 *
 * <p>What this cannot show offline: that the header is on Bitcoin's best chain. That takes a
 * trusted header source (a node, or a headers-only client); the block hash is there to look up.
 *
 * <p>Bitcoin conventions: hashes are double SHA-256; txids and block hashes are shown (and here
 * given) byte-reversed; integers in the wire formats are little-endian.
 */
public final class BitcoinAnchorVerifier {
  private static final int MAX_ITEMS = 100_000;

  private BitcoinAnchorVerifier() {}

  /** Checks {@code body} for the chain {@code chainId}; OK or BAD_ANCHOR with the reason. */
  public static Verdict verify(AnchorBody body, Hash chainId, BitcoinNetwork network) {
    byte[] raw = body.rawTx();
    Hash txid;
    try {
      txid = txid(raw);
    } catch (IllegalArgumentException e) {
      return bad("raw tx does not parse: " + e.getMessage());
    }
    if (!txid.equals(body.btcTxid())) {
      return bad("raw tx hashes to " + txid + ", not the txid " + body.btcTxid());
    }
    Hash message = AnchorBody.message(chainId, body.height(), body.blockHash());
    if (!containsOpReturn(raw, message.unsafeBytes())) {
      return bad("raw tx has no OP_RETURN output carrying the anchor message " + message);
    }
    byte[] header = body.btcHeader();
    Hash root = merkleRootFromBranch(txid, body.txIndex(), body.branch());
    if (!root.equals(headerMerkleRoot(header))) {
      return bad("Merkle branch leads to " + root + ", not the header's Merkle root");
    }
    if (!headerHash(header).equals(body.btcBlockHash())) {
      return bad("header hashes to " + headerHash(header) + ", not " + body.btcBlockHash());
    }
    if (!meetsOwnTarget(header)) {
      return bad("header hash does not meet its nBits target");
    }
    if (headerTarget(header).compareTo(network.powLimit()) > 0) {
      return bad("header target is easier than the " + network + " proof-of-work limit");
    }
    return Verdict.OK;
  }

  private static Verdict bad(String why) {
    return Verdict.reject(ErrorCode.BAD_ANCHOR, why);
  }

  /** Double SHA-256, byte-reversed for display. */
  static Hash displayHash(byte[] data) {
    return Hash.wrap(reverse(Hash.doubleSha256(data).unsafeBytes()));
  }

  static byte[] reverse(byte[] b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[b.length - 1 - i];
    }
    return out;
  }

  /** The txid (display order) of a raw transaction; a segwit tx is hashed without its witness. */
  public static Hash txid(byte[] raw) {
    ParsedTx tx = parse(raw);
    if (!tx.segwit) {
      return displayHash(raw);
    }
    int bodyLength = tx.outputsEnd - 6;
    byte[] stripped = new byte[4 + bodyLength + 4];
    System.arraycopy(raw, 0, stripped, 0, 4);
    System.arraycopy(raw, 6, stripped, 4, bodyLength);
    System.arraycopy(raw, raw.length - 4, stripped, 4 + bodyLength, 4);
    return displayHash(stripped);
  }

  /** Whether an output script is OP_RETURN followed by pushes one of which is {@code message}. */
  public static boolean containsOpReturn(byte[] raw, byte[] message) {
    for (byte[] script : parse(raw).outputScripts) {
      if (script.length == 0 || (script[0] & 0xff) != 0x6a) {
        continue;
      }
      int i = 1;
      while (i < script.length) {
        int op = script[i++] & 0xff;
        int len;
        if (op >= 1 && op <= 75) {
          len = op;
        } else if (op == 0x4c && i + 1 <= script.length) {
          len = script[i] & 0xff;
          i += 1;
        } else if (op == 0x4d && i + 2 <= script.length) {
          len = (script[i] & 0xff) | (script[i + 1] & 0xff) << 8;
          i += 2;
        } else {
          break;
        }
        if (i + len > script.length) {
          break;
        }
        if (Arrays.equals(script, i, i + len, message, 0, message.length)) {
          return true;
        }
        i += len;
      }
    }
    return false;
  }

  /**
   * The Merkle root (display order) reached from {@code txid} at {@code index} through {@code
   * branch} (display order, leaf level first): at each level the node is the right child when the
   * index bit is 1.
   */
  public static Hash merkleRootFromBranch(Hash txid, long index, List<Hash> branch) {
    byte[] h = reverse(txid.unsafeBytes());
    long i = index;
    byte[] pair = new byte[64];
    for (Hash sibling : branch) {
      byte[] s = reverse(sibling.unsafeBytes());
      if ((i & 1) == 1) {
        System.arraycopy(s, 0, pair, 0, 32);
        System.arraycopy(h, 0, pair, 32, 32);
      } else {
        System.arraycopy(h, 0, pair, 0, 32);
        System.arraycopy(s, 0, pair, 32, 32);
      }
      h = Hash.doubleSha256(pair).toBytes();
      i >>= 1;
    }
    return Hash.wrap(reverse(h));
  }

  /** The block hash (display order) of an 80-byte header. */
  public static Hash headerHash(byte[] header) {
    checkHeader(header);
    return displayHash(header);
  }

  /** The header's Merkle root field (bytes 36..68), display order. */
  public static Hash headerMerkleRoot(byte[] header) {
    checkHeader(header);
    return Hash.wrap(reverse(Arrays.copyOfRange(header, 36, 68)));
  }

  /** The target encoded by the header's nBits field (bytes 72..76, little-endian). */
  public static BigInteger headerTarget(byte[] header) {
    checkHeader(header);
    long bits =
        (header[72] & 0xffL)
            | (header[73] & 0xffL) << 8
            | (header[74] & 0xffL) << 16
            | (header[75] & 0xffL) << 24;
    return targetFromBits(bits);
  }

  /** Whether the header's hash, as a number, is at most its nBits target (and that is valid). */
  public static boolean meetsOwnTarget(byte[] header) {
    BigInteger target = headerTarget(header);
    if (target.signum() <= 0) {
      return false;
    }
    BigInteger hash = new BigInteger(1, headerHash(header).unsafeBytes());
    return hash.compareTo(target) <= 0;
  }

  /**
   * Decodes a compact target: mantissa x 256^(exponent - 3). The sign bit (0x00800000) makes it
   * invalid, returned as -1; so does an overflow past 256 bits.
   */
  public static BigInteger targetFromBits(long bits) {
    int exponent = (int) (bits >>> 24) & 0xff;
    long mantissa = bits & 0x007fffffL;
    if ((bits & 0x00800000L) != 0 && mantissa != 0) {
      return BigInteger.ONE.negate();
    }
    BigInteger m = BigInteger.valueOf(mantissa);
    BigInteger t =
        exponent <= 3 ? m.shiftRight(8 * (3 - exponent)) : m.shiftLeft(8 * (exponent - 3));
    return t.bitLength() > 256 ? BigInteger.ONE.negate() : t;
  }

  private static void checkHeader(byte[] header) {
    if (header.length != AnchorBody.HEADER_BYTES) {
      throw new IllegalArgumentException("a Bitcoin header has 80 bytes");
    }
  }

  private record ParsedTx(boolean segwit, int outputsEnd, List<byte[]> outputScripts) {}

  /** Parses the wire format strictly enough to find outputs and the witness boundary. */
  private static ParsedTx parse(byte[] raw) {
    Cursor c = new Cursor(raw);
    c.skip(4);
    boolean segwit = false;
    if (c.remaining() >= 2 && raw[4] == 0 && raw[5] != 0) {
      if (raw[5] != 1) {
        throw new IllegalArgumentException("unknown segwit flag");
      }
      segwit = true;
      c.skip(2);
    }
    long inputs = c.varint();
    if (inputs == 0 || inputs > MAX_ITEMS) {
      throw new IllegalArgumentException("bad input count " + inputs);
    }
    for (long i = 0; i < inputs; i++) {
      c.skip(36);
      c.skip(c.length());
      c.skip(4);
    }
    long outputs = c.varint();
    if (outputs > MAX_ITEMS) {
      throw new IllegalArgumentException("bad output count " + outputs);
    }
    List<byte[]> scripts = new java.util.ArrayList<>();
    for (long i = 0; i < outputs; i++) {
      c.skip(8);
      int len = c.length();
      scripts.add(Arrays.copyOfRange(raw, c.pos, c.pos + len));
      c.skip(len);
    }
    int outputsEnd = c.pos;
    if (segwit) {
      for (long i = 0; i < inputs; i++) {
        long items = c.varint();
        if (items > MAX_ITEMS) {
          throw new IllegalArgumentException("bad witness item count");
        }
        for (long j = 0; j < items; j++) {
          c.skip(c.length());
        }
      }
    }
    c.skip(4);
    if (c.remaining() != 0) {
      throw new IllegalArgumentException(c.remaining() + " trailing bytes");
    }
    return new ParsedTx(segwit, outputsEnd, scripts);
  }

  private static final class Cursor {
    final byte[] b;
    int pos;

    Cursor(byte[] b) {
      this.b = b;
    }

    int remaining() {
      return b.length - pos;
    }

    void skip(long n) {
      if (n < 0 || n > remaining()) {
        throw new IllegalArgumentException("truncated at byte " + pos);
      }
      pos += (int) n;
    }

    int length() {
      long n = varint();
      if (n > remaining()) {
        throw new IllegalArgumentException("length " + n + " past the end");
      }
      return (int) n;
    }

    long varint() {
      skip(1);
      int first = b[pos - 1] & 0xff;
      int size = first == 0xfd ? 2 : first == 0xfe ? 4 : first == 0xff ? 8 : 0;
      if (size == 0) {
        return first;
      }
      skip(size);
      long v = 0;
      for (int i = size - 1; i >= 0; i--) {
        v = v << 8 | (b[pos - size + i] & 0xff);
      }
      if (v < 0) {
        throw new IllegalArgumentException("varint too large");
      }
      return v;
    }
  }
}
