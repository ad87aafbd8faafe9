package io.eris.core.model;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;

/** Who made a block: the leader (weight 2 in the fork choice) or a proof-of-work miner (1). */
public enum BlockKind {
  LEADER(1, 2),
  POW(2, 1),
  /** The genesis block at height 0: neither signed nor mined. */
  GENESIS(3, 0);

  private final int code;
  private final int weight;

  BlockKind(int code, int weight) {
    this.code = code;
    this.weight = weight;
  }

  public int code() {
    return code;
  }

  public int weight() {
    return weight;
  }

  public static BlockKind fromCode(int code) {
    for (BlockKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new CodecException(ErrorCode.UNKNOWN_KIND, "unknown block kind " + code);
  }
}
