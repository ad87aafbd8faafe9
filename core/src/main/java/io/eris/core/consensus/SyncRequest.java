package io.eris.core.consensus;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * A request for blocks on the {@code sync} queue. {@code locator} lists hashes on the requester's
 * canonical chain, newest first and thinning out exponentially (as Bitcoin's block locator), so the
 * responder finds the last block both know; it answers with the blocks after it towards {@code
 * target} (a block the requester is missing, or {@link Hash#ZERO} for the responder's head), at
 * most {@code maxBlocks}.
 *
 * <pre>
 * u8 0x52 ('R') | u8 version=1 | chainId[32] | requester[20] | u32 n | n x hash[32]
 * | target[32] | u32 maxBlocks
 * </pre>
 */
public record SyncRequest(
    Hash chainId, Address requester, List<Hash> locator, Hash target, int maxBlocks) {
  public static final int TAG = 0x52;
  public static final int VERSION = 1;
  public static final int MAX_LOCATOR = 64;
  public static final int MAX_BLOCKS = 256;
  public static final int MAX_SIZE = 2 + 32 + 20 + 4 + MAX_LOCATOR * 32 + 32 + 4;

  public SyncRequest {
    locator = List.copyOf(locator);
    if (locator.size() > MAX_LOCATOR) {
      throw new CodecException(ErrorCode.FIELD_TOO_LARGE, "locator over " + MAX_LOCATOR);
    }
    if (maxBlocks < 1 || maxBlocks > MAX_BLOCKS) {
      throw new CodecException(ErrorCode.FIELD_TOO_LARGE, "maxBlocks must be 1.." + MAX_BLOCKS);
    }
  }

  public byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(MAX_SIZE)
            .u8(TAG)
            .u8(VERSION)
            .fixed(chainId.unsafeBytes(), Hash.SIZE)
            .fixed(requester.unsafeBytes(), Address.SIZE)
            .u32(locator.size());
    for (Hash h : locator) {
      w.fixed(h.unsafeBytes(), Hash.SIZE);
    }
    return w.fixed(target.unsafeBytes(), Hash.SIZE).u32(maxBlocks).toByteArray();
  }

  public static SyncRequest decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes, MAX_SIZE);
    r.header(TAG, VERSION, "sync request");
    Hash chainId = Hash.wrap(r.fixed(Hash.SIZE, "chainId"));
    Address requester = Address.wrap(r.fixed(Address.SIZE, "requester"));
    int n = r.count(MAX_LOCATOR, "locator");
    List<Hash> locator = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      locator.add(Hash.wrap(r.fixed(Hash.SIZE, "locator hash")));
    }
    Hash target = Hash.wrap(r.fixed(Hash.SIZE, "target"));
    long max = r.u32("maxBlocks");
    r.finish("sync request");
    if (max < 1 || max > MAX_BLOCKS) {
      throw new CodecException(ErrorCode.FIELD_TOO_LARGE, "maxBlocks must be 1.." + MAX_BLOCKS);
    }
    return new SyncRequest(chainId, requester, locator, target, (int) max);
  }
}
