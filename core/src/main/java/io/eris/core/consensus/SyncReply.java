package io.eris.core.consensus;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.Limits;
import io.eris.core.model.Vote;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a {@link SyncRequest}: consecutive blocks (parents first), the votes the responder
 * holds at their heights (so the requester can see finality and unlock its own voting), and the
 * responder's head, so the requester knows whether to ask again. Nothing here is trusted: every
 * block is validated and every vote checked as if it came from the topics.
 *
 * <pre>
 * u8 0x59 ('Y') | u8 version=1 | chainId[32] | head[32] | u64 headHeight | u64 finalHeight
 * | u32 n | n x bytes block | u32 m | m x vote (fixed size)
 * </pre>
 */
public record SyncReply(
    Hash chainId,
    Hash responderHead,
    long responderHeadHeight,
    long responderFinalHeight,
    List<Block> blocks,
    List<Vote> votes) {
  public static final int TAG = 0x59;
  public static final int VERSION = 1;
  public static final int MAX_VOTES = 8192;

  /** Blocks are added while the reply stays under this size; the first one always fits. */
  public static final int SOFT_MAX_BYTES = Limits.MAX_BLOCK_BYTES;

  public static final int MAX_BYTES =
      SOFT_MAX_BYTES + Limits.MAX_BLOCK_BYTES + MAX_VOTES * Vote.SIZE + 1024;

  public SyncReply {
    blocks = List.copyOf(blocks);
    votes = List.copyOf(votes);
    if (blocks.size() > SyncRequest.MAX_BLOCKS || votes.size() > MAX_VOTES) {
      throw new CodecException(ErrorCode.FIELD_TOO_LARGE, "sync reply too large");
    }
  }

  public byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(1024)
            .u8(TAG)
            .u8(VERSION)
            .fixed(chainId.unsafeBytes(), Hash.SIZE)
            .fixed(responderHead.unsafeBytes(), Hash.SIZE)
            .u64(responderHeadHeight)
            .u64(responderFinalHeight)
            .u32(blocks.size());
    for (Block b : blocks) {
      w.bytes(b.encode());
    }
    w.u32(votes.size());
    for (Vote v : votes) {
      w.raw(v.encode());
    }
    return w.toByteArray();
  }

  public static SyncReply decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes, MAX_BYTES);
    r.header(TAG, VERSION, "sync reply");
    Hash chainId = Hash.wrap(r.fixed(Hash.SIZE, "chainId"));
    Hash head = Hash.wrap(r.fixed(Hash.SIZE, "head"));
    long headHeight = r.u64("headHeight");
    long finalHeight = r.u64("finalHeight");
    int n = r.count(SyncRequest.MAX_BLOCKS, "blocks");
    List<Block> blocks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      blocks.add(Block.decode(r.bytes(Limits.MAX_BLOCK_BYTES, "block")));
    }
    int m = r.count(MAX_VOTES, "votes");
    List<Vote> votes = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      votes.add(Vote.decode(r.fixed(Vote.SIZE, "vote")));
    }
    r.finish("sync reply");
    return new SyncReply(chainId, head, headHeight, finalHeight, blocks, votes);
  }
}
