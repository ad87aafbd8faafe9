package io.eris.node.infrastructure.messaging;

import io.eris.core.codec.Json;
import io.eris.core.model.Limits;
import io.eris.node.application.NodeLifecycle;
import io.eris.node.application.NodeMetrics;
import io.eris.node.application.TxService;
import io.eris.node.application.TxStatusView;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The banks' ingest queue: each message is a signed transaction (canonical bytes in a
 * BytesMessage); the immediate verdict (PENDING, or REJECTED with a stable code and reason) goes to
 * JMSReplyTo as JSON text, correlated by the request's message id, with {@code status} and {@code
 * code} also as message properties.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "resourceAdapter",
          propertyValue = Destinations.RESOURCE_ADAPTER),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "destination", propertyValue = "ingest"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      // Reconnect for ever after a broker restart, every 2 s.
      @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
      @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
    })
public class IngestConsumer implements MessageListener {
  private static final Logger LOG = Logger.getLogger(IngestConsumer.class.getName());

  @EJB TxService txs;
  @EJB NodeLifecycle lifecycle;
  @EJB NodeMetrics metrics;

  @Resource(lookup = Destinations.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Override
  public void onMessage(Message message) {
    TxStatusView verdict = judge(message);
    Destination replyTo;
    String correlation;
    try {
      replyTo = message.getJMSReplyTo();
      correlation =
          message.getJMSCorrelationID() != null
              ? message.getJMSCorrelationID()
              : message.getJMSMessageID();
    } catch (JMSException e) {
      metrics.dropped("UNREADABLE");
      return;
    }
    if (replyTo == null) {
      return;
    }
    try (JMSContext context = connectionFactory.createContext()) {
      TextMessage reply = context.createTextMessage(json(verdict));
      reply.setJMSCorrelationID(correlation);
      reply.setStringProperty("status", verdict.status());
      if (verdict.code() != null) {
        reply.setStringProperty("code", verdict.code());
      }
      context.createProducer().send(replyTo, reply);
    } catch (JMSException | RuntimeException e) {
      LOG.warning("could not answer an ingest request: " + e.getMessage());
    }
  }

  private TxStatusView judge(Message message) {
    var config = lifecycle.config();
    if (config.isEmpty()) {
      return TxStatusView.rejected(null, "NODE_NOT_READY", lifecycle.reason());
    }
    try {
      if (!(message instanceof BytesMessage bm)) {
        return TxStatusView.rejected(null, "NOT_BYTES", "send the tx as a BytesMessage");
      }
      if (bm.getBodyLength() > Limits.MAX_TX_BYTES) {
        return TxStatusView.rejected(
            null, "MESSAGE_TOO_LARGE", "limit " + Limits.MAX_TX_BYTES + " bytes");
      }
      byte[] bytes = new byte[(int) bm.getBodyLength()];
      bm.readBytes(bytes);
      return txs.submit(config.get(), bytes);
    } catch (JMSException e) {
      return TxStatusView.rejected(null, "UNREADABLE", e.getMessage());
    }
  }

  static String json(TxStatusView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hash", v.hash());
    m.put("status", v.status());
    if (v.code() != null) {
      m.put("code", v.code());
    }
    if (v.reason() != null) {
      m.put("reason", v.reason());
    }
    return Json.write(m).trim();
  }
}
