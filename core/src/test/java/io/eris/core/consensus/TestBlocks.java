package io.eris.core.consensus;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.BlockKind;
import java.util.List;

/** Blocks with the right links and kinds but no real content, for tree and vote tests. */
final class TestBlocks {
  static final Hash CHAIN = Hash.sha256("test-chain".getBytes());
  static final KeyPair KEY = KeyPair.deterministic("test-proposer");

  private TestBlocks() {}

  static Block genesis() {
    return new Block(header(0, Hash.ZERO, BlockKind.GENESIS, 0, 0), new byte[64], List.of());
  }

  static Block child(Block parent, BlockKind kind) {
    return child(parent, kind, 0, 0);
  }

  /** {@code salt} makes siblings of one kind differ. */
  static Block child(Block parent, BlockKind kind, long epoch, long salt) {
    return Block.sign(
        header(parent.height() + 1, parent.hash(), kind, epoch, salt), List.of(), KEY);
  }

  private static BlockHeader header(
      long height, Hash parent, BlockKind kind, long epoch, long salt) {
    return new BlockHeader(
        CHAIN,
        height,
        parent,
        1_000 + height,
        kind,
        Address.of(KEY.publicKey()),
        epoch,
        Hash.ZERO,
        Hash.ZERO,
        0,
        Hash.ZERO,
        salt);
  }
}
