package io.eris.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Ed25519;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Transaction;
import io.eris.core.model.TxKind;
import io.eris.core.model.WriteBody;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/v1/txs} as a client sees it: PENDING once stored, the same answer for the same
 * bytes, REJECTED with a stable code for what is wrong (and nothing stored), and the lifecycle on
 * the server-sent event stream.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TxSubmitIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static EnterpriseArchive ear() {
    return TestNode.ear();
  }

  private record Answer(int status, JsonObject json) {}

  private static Answer post(String contentType, byte[] body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(TestNode.uri("/api/v1/txs"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    try (var reader = jakarta.json.Json.createReader(new StringReader(r.body()))) {
      return new Answer(r.statusCode(), reader.readObject());
    }
  }

  private static Answer submit(Transaction tx) throws Exception {
    return post("application/octet-stream", tx.encode());
  }

  private static KeyPair enrolledKey() throws Exception {
    NodeIT.awaitReady(Duration.ofMinutes(3));
    KeyPair key = Ed25519.generate();
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(TestNode.uri("/api/v1/enrol"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"publicKey\":\"" + key.publicKey().toHex() + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    long until = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < until) {
      TestNode.Answer a = TestNode.get("/api/v1/accounts/" + key.address().toHex());
      if (a.status() == 200 && !a.json().isNull("account")) {
        return key;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the enrolled account never appeared");
  }

  private static Transaction write(KeyPair key, Hash chainId, long nonce, String value) {
    return Transaction.sign(
        key,
        chainId,
        nonce,
        TxKind.WRITE,
        new WriteBody(
                "",
                List.of(
                    WriteBody.Op.put(
                        "k".getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8))))
            .encode());
  }

  /** The {@code tx} events of one address's stream, as "hash status". */
  private static BlockingQueue<String> txEvents(KeyPair key) {
    BlockingQueue<String> out = new LinkedBlockingQueue<>();
    HTTP.sendAsync(
            HttpRequest.newBuilder(TestNode.uri("/api/v1/events?address=" + key.address().toHex()))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofLines())
        .thenAccept(
            r -> {
              try (Stream<String> lines = r.body()) {
                String[] event = {""};
                lines.forEach(
                    line -> {
                      if (line.startsWith("event:")) {
                        event[0] = line.substring(6).trim();
                      } else if (line.startsWith("data:") && event[0].equals("tx")) {
                        try (var reader =
                            jakarta.json.Json.createReader(
                                new StringReader(line.substring(5).trim()))) {
                          JsonObject o = reader.readObject();
                          out.add(o.getString("hash") + " " + o.getString("status"));
                        }
                      }
                    });
              }
            });
    return out;
  }

  private static void awaitEvent(BlockingQueue<String> events, String expected) throws Exception {
    long until = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < until) {
      String e = events.poll(500, TimeUnit.MILLISECONDS);
      if (expected.equals(e)) {
        return;
      }
    }
    throw new AssertionError("no event '" + expected + "' within 30 s");
  }

  @Test
  void pendingThenFinalSameAnswerForSameBytesAndStableRejections() throws Exception {
    KeyPair key = enrolledKey();
    Hash chainId = Hash.fromHex(TestNode.head().getString("chainId"));
    BlockingQueue<String> events = txEvents(key);
    Thread.sleep(500); // the stream is open before the first submission

    Transaction tx = write(key, chainId, 1, "one");
    String hash = tx.hash().toHex();
    Answer accepted = submit(tx);
    assertThat(accepted.status()).as(accepted.json().toString()).isEqualTo(202);
    assertThat(accepted.json().getString("status")).isEqualTo("PENDING");
    assertThat(accepted.json().getString("hash")).isEqualTo(hash);
    assertThat(TestNode.get("/api/v1/txs/" + hash).status())
        .as("PENDING is answered only once the tx is stored")
        .isEqualTo(200);

    Answer again = submit(tx);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().getString("hash")).isEqualTo(hash);
    assertThat(again.json().getString("status")).isIn("PENDING", "INCLUDED", "FINAL");

    awaitEvent(events, hash + " FINAL");
    Answer afterFinal = submit(tx);
    assertThat(afterFinal.status()).isEqualTo(202);
    assertThat(afterFinal.json().getString("status")).isEqualTo("FINAL");

    // The JSON form of the next tx.
    Transaction second = write(key, chainId, 2, "two");
    Answer json =
        post(
            "application/json",
            ("{\"tx\":\"" + HexFormat.of().formatHex(second.encode()) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(json.status()).as(json.json().toString()).isEqualTo(202);
    assertThat(json.json().getString("status")).isEqualTo("PENDING");

    byte[] forged = write(key, chainId, 3, "forged").encode();
    forged[forged.length - 1] ^= 1;
    Transaction otherChain = write(key, Hash.sha256(new byte[] {9}), 3, "elsewhere");
    Transaction usedNonce = write(key, chainId, 1, "replay of nonce 1");
    assertRejected(post("application/octet-stream", forged), "BAD_SIGNATURE");
    assertRejected(submit(otherChain), "WRONG_CHAIN");
    assertRejected(submit(usedNonce), "NONCE_USED");
    assertRejected(post("application/octet-stream", new byte[] {1, 2, 3}), "UNKNOWN_TYPE");
    for (String notStored :
        List.of(Hash.sha256(forged).toHex(), otherChain.hash().toHex(), usedNonce.hash().toHex())) {
      assertThat(TestNode.get("/api/v1/txs/" + notStored).status()).isEqualTo(404);
    }
  }

  private static void assertRejected(Answer a, String code) {
    assertThat(a.status()).as(a.json().toString()).isEqualTo(422);
    assertThat(a.json().getString("code")).isEqualTo(code);
    assertThat(a.json().getString("txStatus")).isEqualTo("REJECTED");
  }
}
