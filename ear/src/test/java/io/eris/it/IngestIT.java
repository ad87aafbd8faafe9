package io.eris.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Ed25519;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Transaction;
import io.eris.core.model.TxKind;
import io.eris.core.model.WriteBody;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bank's system on JMS, as the README describes it (and as an example client): signed
 * transactions on the {@code ingest} queue, the verdict on JMSReplyTo, the lifecycle on the {@code
 * tx-status} topic selected by sender.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IngestIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static EnterpriseArchive ear() {
    return TestNode.ear();
  }

  private static ActiveMQConnectionFactory broker() {
    return new ActiveMQConnectionFactory(
        "tcp://127.0.0.1:" + TestNode.setting("brokerPort"),
        TestNode.setting("broker.user"),
        TestNode.setting("broker.password"));
  }

  /** Enrols a fresh key through the node's dev enrolment and waits until its account exists. */
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

  private static Message request(JMSContext ctx, Queue ingest, TemporaryQueue replies, byte[] body)
      throws Exception {
    BytesMessage m = ctx.createBytesMessage();
    m.writeBytes(body);
    m.setJMSReplyTo(replies);
    ctx.createProducer().send(ingest, m);
    try (JMSConsumer consumer =
        ctx.createConsumer(replies, "JMSCorrelationID = '" + m.getJMSMessageID() + "'")) {
      Message reply = consumer.receive(20_000);
      assertThat(reply).as("a reply on JMSReplyTo within 20 s").isNotNull();
      return reply;
    }
  }

  @Test
  void signedTxInVerdictOutAndLifecycleOnTheStatusTopic() throws Exception {
    KeyPair key = enrolledKey();
    Hash chainId = Hash.fromHex(TestNode.head().getString("chainId"));
    Transaction tx =
        Transaction.sign(
            key,
            chainId,
            1,
            TxKind.WRITE,
            new WriteBody(
                    "",
                    List.of(
                        WriteBody.Op.put(
                            "iban".getBytes(StandardCharsets.UTF_8),
                            "DE00 1234".getBytes(StandardCharsets.UTF_8))))
                .encode());
    try (ActiveMQConnectionFactory cf = broker();
        JMSContext ctx = cf.createContext()) {
      Queue ingest = ctx.createQueue("ingest");
      Topic status = ctx.createTopic("tx-status");
      TemporaryQueue replies = ctx.createTemporaryQueue();
      List<String> lifecycle = new ArrayList<>();
      try (JMSConsumer events =
          ctx.createConsumer(status, "sender = '" + key.address().toHex() + "'")) {
        Message verdict = request(ctx, ingest, replies, tx.encode());
        assertThat(verdict.getStringProperty("status")).isEqualTo("PENDING");
        assertThat(((TextMessage) verdict).getText()).contains(tx.hash().toHex());

        long until = System.currentTimeMillis() + 30_000;
        while (!lifecycle.contains("FINAL") && System.currentTimeMillis() < until) {
          Message e = events.receive(1_000);
          if (e != null && tx.hash().toHex().equals(e.getStringProperty("hash"))) {
            lifecycle.add(e.getStringProperty("status"));
          }
        }
      }
      assertThat(lifecycle).as("tx-status events of the tx").contains("FINAL");
      JsonObject entry =
          TestNode.get(
                  "/api/v1/kv/"
                      + key.address().toHex()
                      + "/"
                      + java.util.HexFormat.of().formatHex("iban".getBytes(StandardCharsets.UTF_8)))
              .json();
      assertThat(entry.getString("value"))
          .isEqualTo(
              java.util.HexFormat.of().formatHex("DE00 1234".getBytes(StandardCharsets.UTF_8)));

      // Replayed bytes: the same verdict again, nothing new (idempotent).
      Message again = request(ctx, ingest, replies, tx.encode());
      assertThat(again.getStringProperty("status")).isIn("INCLUDED", "FINAL");

      // Forged signature and garbage: REJECTED with a stable code, nothing stored.
      byte[] forged =
          Transaction.sign(key, chainId, 2, TxKind.WRITE, WriteBody.decode(tx.body()).encode())
              .encode();
      forged[forged.length - 1] ^= 1;
      Message bad = request(ctx, ingest, replies, forged);
      assertThat(bad.getStringProperty("status")).isEqualTo("REJECTED");
      assertThat(bad.getStringProperty("code")).isEqualTo("BAD_SIGNATURE");
      Message garbage = request(ctx, ingest, replies, new byte[] {1, 2, 3});
      assertThat(garbage.getStringProperty("status")).isEqualTo("REJECTED");
      assertThat(garbage.getStringProperty("code")).isEqualTo("UNKNOWN_TYPE");
      String forgedHash = Hash.sha256(forged).toHex();
      assertThat(TestNode.get("/api/v1/txs/" + forgedHash).status()).isEqualTo(404);
    }
  }
}
