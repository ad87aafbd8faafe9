package io.eris.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.SignatureCache;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionTest {
  private static final KeyPair ALICE = KeyPair.deterministic("alice");
  private static final Hash CHAIN = Hash.sha256("chain".getBytes(StandardCharsets.UTF_8));

  private static Transaction transfer(long nonce) {
    byte[] body = new TransferBody(KeyPair.deterministic("bob").address(), 5, "rent").encode();
    return Transaction.sign(ALICE, CHAIN, nonce, TxKind.TRANSFER, body);
  }

  @Test
  void roundTripsAndVerifies() {
    Transaction tx = transfer(1);
    Transaction back = Transaction.decode(tx.encode());
    assertThat(back.hash()).isEqualTo(tx.hash());
    assertThat(back.verifySignature()).isTrue();
    assertThat(back.sender()).isEqualTo(ALICE.publicKey());
    assertThat(TransferBody.decode(back.body()).amount()).isEqualTo(5);
  }

  @Test
  void anyFlippedByteBreaksSignatureOrDecoding() {
    byte[] good = transfer(1).encode();
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x01;
      boolean rejected;
      try {
        rejected = !Transaction.decode(bad).verifySignature();
      } catch (CodecException | IllegalArgumentException e) {
        rejected = true;
      }
      assertThat(rejected).as("flip at byte %d", i).isTrue();
    }
  }

  @Test
  void refusesTrailingBytesTruncationAndUnknownKind() {
    byte[] good = transfer(1).encode();
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> Transaction.decode(longer))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.TRAILING_BYTES);
    assertThatThrownBy(() -> Transaction.decode(Arrays.copyOf(good, good.length - 1)))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.TRUNCATED);
    byte[] kind = good.clone();
    kind[2 + 32 + 32 + 8] = 99;
    assertThatThrownBy(() -> Transaction.decode(kind))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.UNKNOWN_KIND);
    assertThatThrownBy(() -> Transaction.decode(new byte[Limits.MAX_TX_BYTES + 1]))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
  }

  @Test
  void signatureCacheRemembersOnlySuccesses() {
    SignatureCache cache = new SignatureCache(10);
    Transaction tx = transfer(2);
    assertThat(tx.verifySignature(cache)).isTrue();
    assertThat(cache.size()).isEqualTo(1);
    byte[] forged = tx.encode();
    forged[forged.length - 1] ^= 1;
    assertThat(Transaction.decode(forged).verifySignature(cache)).isFalse();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void writeBodyIsCanonical() {
    WriteBody body =
        new WriteBody(
            "shared",
            List.of(
                WriteBody.Op.put(new byte[] {1}, new byte[] {9}),
                WriteBody.Op.delete(new byte[] {2})));
    assertThat(WriteBody.decode(body.encode())).usingRecursiveComparison().isEqualTo(body);
    assertThatThrownBy(
            () ->
                new WriteBody(
                    "shared",
                    List.of(
                        WriteBody.Op.delete(new byte[] {2}), WriteBody.Op.delete(new byte[] {1}))))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.NON_CANONICAL);
  }

  @Test
  void addressIsFirst20BytesOfKeyHash() {
    byte[] full = Hash.sha256(ALICE.publicKey().toBytes()).toBytes();
    assertThat(ALICE.address()).isEqualTo(Address.wrap(Arrays.copyOf(full, 20)));
    assertThat(Address.fromHex(ALICE.address().toHex())).isEqualTo(ALICE.address());
    assertThatThrownBy(() -> Address.fromHex(ALICE.address().toHex().toUpperCase()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
