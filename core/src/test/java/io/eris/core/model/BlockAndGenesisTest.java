package io.eris.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockAndGenesisTest {
  private static final KeyPair LEADER = KeyPair.deterministic("leader");
  private static final KeyPair V2 = KeyPair.deterministic("v2");

  static Genesis genesis() {
    List<Genesis.Validator> vs =
        new java.util.ArrayList<>(
            List.of(
                new Genesis.Validator(LEADER.publicKey(), 100, List.of("validator")),
                new Genesis.Validator(V2.publicKey(), 50, List.of())));
    vs.sort((a, b) -> a.key().compareTo(b.key()));
    return new Genesis(
        "test",
        1_700_000_000_000L,
        250,
        2000,
        LEADER.publicKey(),
        vs,
        List.of(),
        vs.stream().map(Genesis.Validator::key).toList(),
        2,
        Genesis.POW_SHA256D,
        Hash.fromHex("00000fffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        1000,
        2,
        3,
        100,
        5000);
  }

  @Test
  void genesisRoundTripsThroughBytesAndJson() {
    Genesis g = genesis();
    assertThat(Genesis.decode(g.encode())).isEqualTo(g);
    assertThat(Genesis.fromJson(g.toJson())).isEqualTo(g);
    assertThat(Genesis.fromJson(g.toJson()).chainId()).isEqualTo(g.chainId());
    assertThat(g.totalStake()).isEqualTo(150);
  }

  @Test
  void corruptGenesisJsonIsRefusedWithAStableCode() {
    assertThatThrownBy(() -> Genesis.fromJson("{\"chainName\": "))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.MALFORMED_JSON);
    String noValidators =
        genesis()
            .toJson()
            .replaceAll(
                "(?s)\"validators\": \\[.*?\\],\\s*\"accounts\"",
                "\"validators\": [], \"accounts\"");
    assertThatThrownBy(() -> Genesis.fromJson(noValidators))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.INVALID_GENESIS);
    String unknownMember =
        genesis().toJson().replace("\"chainName\"", "\"extra\": 1, \"chainName\"");
    assertThatThrownBy(() -> Genesis.fromJson(unknownMember))
        .hasMessageContaining("unknown member \"extra\"");
    String wrongAddress =
        genesis().toJson().replace(LEADER.address().toHex(), V2.address().toHex());
    assertThatThrownBy(() -> Genesis.fromJson(wrongAddress)).hasMessageContaining("does not match");
  }

  @Test
  void blockRoundTripsAndSignatureBindsTheHeader() {
    Genesis g = genesis();
    Transaction tx =
        Transaction.sign(
            V2,
            g.chainId(),
            1,
            TxKind.TRANSFER,
            new TransferBody(LEADER.address(), 1, "").encode());
    BlockHeader h =
        new BlockHeader(
            g.chainId(),
            1,
            Hash.ZERO,
            1,
            BlockKind.LEADER,
            LEADER.address(),
            1,
            Hash.ZERO,
            Hash.ZERO,
            1,
            Hash.ZERO,
            0);
    Block b = Block.sign(h, List.of(tx), LEADER);
    Block back = Block.decode(b.encode());
    assertThat(back.hash()).isEqualTo(b.hash());
    assertThat(back.verifySignature(LEADER.publicKey())).isTrue();
    assertThat(back.verifySignature(V2.publicKey())).isFalse();
    assertThat(BlockHeader.decode(h.encode())).isEqualTo(h);
  }

  @Test
  void blockWhoseCountDisagreesWithHeaderIsRefused() {
    Genesis g = genesis();
    BlockHeader h =
        new BlockHeader(
            g.chainId(),
            1,
            Hash.ZERO,
            1,
            BlockKind.LEADER,
            LEADER.address(),
            1,
            Hash.ZERO,
            Hash.ZERO,
            3,
            Hash.ZERO,
            0);
    byte[] bytes = Block.sign(h, List.of(), LEADER).encode();
    assertThatThrownBy(() -> Block.decode(bytes))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.NON_CANONICAL);
  }

  @Test
  void voteRoundTripsAndDetectsForgery() {
    Vote v = Vote.sign(V2, genesis().chainId(), 7, Hash.sha256(new byte[] {1}));
    Vote back = Vote.decode(v.encode());
    assertThat(back.verifySignature()).isTrue();
    byte[] bad = v.encode();
    bad[10] ^= 1;
    assertThat(Vote.decode(bad).verifySignature()).isFalse();
  }

  @Test
  void outOfRangeNumbersAreRefusedNotClamped() {
    String huge =
        genesis().toJson().replace("\"blockIntervalMs\": 250", "\"blockIntervalMs\": 4294967546");
    assertThatThrownBy(() -> Genesis.fromJson(huge))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.INVALID_GENESIS);
    String wide = genesis().toJson().replace("\"denominator\": 3", "\"denominator\": 70000");
    assertThatThrownBy(() -> Genesis.fromJson(wide))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.INVALID_GENESIS);
    BlockHeader h =
        new BlockHeader(
            genesis().chainId(),
            1,
            Hash.ZERO,
            1,
            BlockKind.LEADER,
            LEADER.address(),
            1,
            Hash.ZERO,
            Hash.ZERO,
            0,
            Hash.ZERO,
            0);
    byte[] bytes = h.encode();
    int txCountAt = 2 + 32 + 8 + 32 + 8 + 1 + 20 + 8 + 32 + 32;
    for (int i = 0; i < 4; i++) {
      bytes[txCountAt + i] = (byte) 0xff;
    }
    assertThatThrownBy(() -> BlockHeader.decode(bytes))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.FIELD_TOO_LARGE);
    byte[] trailing = java.util.Arrays.copyOf(h.encode(), BlockHeader.SIZE + 1);
    assertThatThrownBy(() -> BlockHeader.decode(trailing))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.TRAILING_BYTES);
  }
}
