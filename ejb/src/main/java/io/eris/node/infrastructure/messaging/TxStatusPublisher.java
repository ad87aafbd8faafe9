package io.eris.node.infrastructure.messaging;

import io.eris.core.codec.Json;
import io.eris.node.application.NodeEvent;
import io.eris.node.application.NodeEventListener;
import io.eris.node.application.NodeEvents;
import io.eris.node.application.TxStatusView;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Publishes every committed transaction status change on the {@code tx-status} topic for banks'
 * systems: JSON text, with {@code hash}, {@code status} and {@code sender} also as message
 * properties so subscribers can filter with selectors.
 */
@Singleton
@Startup
public class TxStatusPublisher implements NodeEventListener {
  private static final Logger LOG = Logger.getLogger(TxStatusPublisher.class.getName());

  @EJB NodeEvents events;

  @Resource(lookup = Destinations.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = Destinations.TX_STATUS)
  Topic topic;

  private volatile String lastError = "";

  @PostConstruct
  void listen() {
    events.addListener(this);
  }

  @PreDestroy
  void stop() {
    events.removeListener(this);
  }

  /**
   * One connection and producer for the whole batch (on the events' own delivery thread, never on
   * the consensus loop).
   */
  @Override
  public void committed(List<NodeEvent> events) {
    List<TxStatusView> statuses = new ArrayList<>(events.size());
    for (NodeEvent e : events) {
      if (e instanceof NodeEvent.TxChanged t) {
        statuses.add(t.status());
      }
    }
    if (statuses.isEmpty()) {
      return;
    }
    try (JMSContext context = connectionFactory.createContext()) {
      JMSProducer producer = context.createProducer();
      for (TxStatusView v : statuses) {
        producer.send(topic, message(context, v));
      }
      lastError = "";
    } catch (JMSException | RuntimeException e) {
      if (!e.toString().equals(lastError)) {
        LOG.warning("tx-status not published (broker unavailable?): " + e);
        lastError = e.toString();
      }
    }
  }

  static Map<String, Object> body(TxStatusView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hash", v.hash());
    m.put("status", v.status());
    m.put("sender", v.sender());
    m.put("nonce", v.nonce());
    m.put("kind", v.kind());
    if (v.height() != null) {
      m.put("height", v.height());
      m.put("blockHash", v.blockHash());
      m.put("blockKind", v.blockKind());
    }
    if (v.reason() != null) {
      m.put("reason", v.reason());
    }
    return m;
  }

  private static TextMessage message(JMSContext context, TxStatusView v) throws JMSException {
    TextMessage message = context.createTextMessage(Json.write(body(v)).trim());
    message.setStringProperty("hash", v.hash());
    message.setStringProperty("status", v.status());
    if (v.sender() != null) {
      message.setStringProperty("sender", v.sender());
    }
    return message;
  }
}
