package io.eris.node.infrastructure.messaging;

import io.eris.core.consensus.ConsensusEvent;
import io.eris.core.consensus.SyncReply;
import io.eris.core.consensus.SyncRequest;
import io.eris.core.model.Limits;
import io.eris.node.application.ConsensusHost;
import io.eris.node.application.NodeLifecycle;
import io.eris.node.application.NodeMetrics;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The {@code sync} topic: requests from peers that are behind, and replies. A request names the one
 * peer asked to answer, a reply its requester (and who answered), in properties, so the other nodes
 * skip them without parsing them.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "resourceAdapter",
          propertyValue = Destinations.RESOURCE_ADAPTER),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(propertyName = "destination", propertyValue = "sync"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      // Reconnect for ever after a broker restart, every 2 s.
      @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
      @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
    })
// No XA transaction per message: the bean only queues the event (the queue is in memory, so an
// acknowledgement after it would promise nothing more), and the protocol re-sends what is lost.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncConsumer implements MessageListener {
  /** A reply carries at most a sync batch of blocks with their votes. */
  static final int MAX_SYNC_BYTES = 4 * Limits.MAX_BLOCK_BYTES;

  @EJB ConsensusHost host;
  @EJB NodeMetrics metrics;
  @EJB NodeLifecycle lifecycle;
  @Inject JmsTransmitter transmitter;

  @Override
  public void onMessage(Message message) {
    String type;
    String requester;
    String responder;
    try {
      type = message.getStringProperty(JmsTransmitter.SYNC_TYPE);
      requester = message.getStringProperty(JmsTransmitter.REQUESTER);
      responder = message.getStringProperty(JmsTransmitter.RESPONDER);
    } catch (JMSException e) {
      metrics.dropped("UNREADABLE");
      return;
    }
    String me = lifecycle.config().map(c -> c.nodeKey().address().toHex()).orElse(null);
    if (me == null) {
      return;
    }
    if ("request".equals(type)) {
      if (me.equals(requester) || (responder != null && !me.equals(responder))) {
        return;
      }
      ConsensusMessages.receive(
          message,
          MAX_SYNC_BYTES,
          b -> new ConsensusEvent.SyncRequested(SyncRequest.decode(b)),
          host,
          metrics);
    } else if ("reply".equals(type)) {
      if (!me.equals(requester)) {
        return;
      }
      transmitter.answeredBy(responder);
      ConsensusMessages.receive(
          message,
          MAX_SYNC_BYTES,
          b -> new ConsensusEvent.SyncReplied(SyncReply.decode(b)),
          host,
          metrics);
    } else {
      metrics.dropped("UNKNOWN_SYNC_TYPE");
    }
  }
}
