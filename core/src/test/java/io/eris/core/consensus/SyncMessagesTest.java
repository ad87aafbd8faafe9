package io.eris.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Vote;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncMessagesTest {
  @Test
  void aRequestRoundTrips() {
    SyncRequest r =
        new SyncRequest(
            TestBlocks.CHAIN,
            TestBlocks.KEY.address(),
            List.of(Hash.sha256(new byte[] {1}), Hash.sha256(new byte[] {2})),
            Hash.ZERO,
            64);
    SyncRequest back = SyncRequest.decode(r.encode());
    assertThat(back).isEqualTo(r);
  }

  @Test
  void aReplyRoundTrips() {
    Block g = TestBlocks.genesis();
    Block a = TestBlocks.child(g, BlockKind.LEADER);
    Vote v = Vote.sign(TestBlocks.KEY, TestBlocks.CHAIN, 1, a.hash());
    SyncReply r = new SyncReply(TestBlocks.CHAIN, a.hash(), 1, 0, List.of(a), List.of(v));
    SyncReply back = SyncReply.decode(r.encode());
    assertThat(back.blocks()).containsExactly(a);
    assertThat(back.votes()).hasSize(1);
    assertThat(back.votes().get(0).verifySignature()).isTrue();
    assertThat(back.responderHead()).isEqualTo(a.hash());
  }

  @Test
  void trailingBytesAreRefused() {
    SyncRequest r =
        new SyncRequest(TestBlocks.CHAIN, TestBlocks.KEY.address(), List.of(), Hash.ZERO, 1);
    byte[] bytes = r.encode();
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> SyncRequest.decode(longer))
        .isInstanceOfSatisfying(
            CodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRAILING_BYTES));
  }

  @Test
  void anOversizeBlockCountIsRefusedBeforeParsing() {
    SyncRequest r =
        new SyncRequest(TestBlocks.CHAIN, TestBlocks.KEY.address(), List.of(), Hash.ZERO, 1);
    byte[] bytes = r.encode();
    bytes[bytes.length - 1] = 0;
    bytes[bytes.length - 3] = 1; // maxBlocks = 65536
    assertThatThrownBy(() -> SyncRequest.decode(bytes)).isInstanceOf(CodecException.class);
  }
}
