package io.eris.node.infrastructure.messaging;

import io.eris.core.consensus.ConsensusEvent;
import io.eris.core.model.Vote;
import io.eris.node.application.ConsensusHost;
import io.eris.node.application.NodeMetrics;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Votes from the {@code votes} topic, to the consensus loop. */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "resourceAdapter",
          propertyValue = Destinations.RESOURCE_ADAPTER),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(propertyName = "destination", propertyValue = "votes"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      // Reconnect for ever after a broker restart, every 2 s.
      @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
      @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
    })
// No XA transaction per message: the bean only queues the event (the queue is in memory, so an
// acknowledgement after it would promise nothing more), and the protocol re-sends what is lost.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VoteConsumer implements MessageListener {
  @EJB ConsensusHost host;
  @EJB NodeMetrics metrics;

  @Override
  public void onMessage(Message message) {
    ConsensusMessages.receive(
        message, Vote.SIZE, b -> new ConsensusEvent.VoteReceived(Vote.decode(b)), host, metrics);
  }
}
