package io.eris.core.ledger;

import io.eris.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * The tx root of a block: the RFC 6962 (Certificate Transparency) Merkle tree hash over the block's
 * transaction hashes, in block order.
 *
 * <pre>
 * leaf(i)        = SHA-256(0x00 || txHash_i)                 (txHash = SHA-256(tx encoding))
 * MTH({})        = SHA-256("")                               (empty block)
 * MTH({d})       = leaf(d)
 * MTH(D[0:n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of 2 below n
 * </pre>
 *
 * Equivalently, bottom up: hash pairs left to right, and carry a level's odd last node up unchanged
 * (never duplicated, so no two lists share a root). An inclusion proof is the RFC 6962 audit path
 * (siblings from the leaf up) with the leaf's index and the tree size; {@link #verify} is RFC 9162
 * section 2.1.3.2.
 */
public final class TxMerkle {
  private static final byte[] LEAF = {0x00};
  private static final byte[] NODE = {0x01};
  public static final Hash EMPTY_ROOT = Hash.sha256();

  private TxMerkle() {}

  public static Hash leafHash(Hash txHash) {
    return Hash.sha256(LEAF, txHash.unsafeBytes());
  }

  static Hash nodeHash(Hash left, Hash right) {
    return Hash.sha256(NODE, left.unsafeBytes(), right.unsafeBytes());
  }

  public static Hash root(List<Hash> txHashes) {
    if (txHashes.isEmpty()) {
      return EMPTY_ROOT;
    }
    Hash[] level = new Hash[txHashes.size()];
    for (int i = 0; i < level.length; i++) {
      level[i] = leafHash(txHashes.get(i));
    }
    int n = level.length;
    while (n > 1) {
      int m = 0;
      for (int i = 0; i < n; i += 2) {
        level[m++] = i + 1 < n ? nodeHash(level[i], level[i + 1]) : level[i];
      }
      n = m;
    }
    return level[0];
  }

  /** The audit path of the leaf at {@code index}, siblings from the leaf level up. */
  public static List<Hash> proof(List<Hash> txHashes, int index) {
    if (index < 0 || index >= txHashes.size()) {
      throw new IndexOutOfBoundsException("no leaf " + index + " among " + txHashes.size());
    }
    List<Hash> path = new ArrayList<>();
    List<Hash> level = new ArrayList<>(txHashes.size());
    for (Hash h : txHashes) {
      level.add(leafHash(h));
    }
    int i = index;
    while (level.size() > 1) {
      int sibling = i ^ 1;
      if (sibling < level.size()) {
        path.add(level.get(sibling));
      }
      List<Hash> next = new ArrayList<>((level.size() + 1) / 2);
      for (int j = 0; j < level.size(); j += 2) {
        next.add(j + 1 < level.size() ? nodeHash(level.get(j), level.get(j + 1)) : level.get(j));
      }
      level = next;
      i >>= 1;
    }
    return path;
  }

  /**
   * Whether {@code path} proves {@code txHash} is leaf {@code index} of {@code size} under root.
   */
  public static boolean verify(Hash root, Hash txHash, long index, long size, List<Hash> path) {
    if (index < 0 || index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    Hash r = leafHash(txHash);
    for (Hash p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && r.equals(root);
  }
}
