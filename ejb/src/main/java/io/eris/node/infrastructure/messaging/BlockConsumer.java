package io.eris.node.infrastructure.messaging;

import io.eris.core.consensus.ConsensusEvent;
import io.eris.core.model.Block;
import io.eris.core.model.Limits;
import io.eris.node.application.ConsensusHost;
import io.eris.node.application.NodeMetrics;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Blocks from the {@code blocks} topic, to the consensus loop. */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "resourceAdapter",
          propertyValue = Destinations.RESOURCE_ADAPTER),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(propertyName = "destination", propertyValue = "blocks"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      // Reconnect for ever after a broker restart, every 2 s.
      @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
      @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
    })
// No XA transaction per message: the bean only queues the event (the queue is in memory, so an
// acknowledgement after it would promise nothing more), and the protocol re-sends what is lost.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BlockConsumer implements MessageListener {
  @EJB ConsensusHost host;
  @EJB NodeMetrics metrics;
  @Inject JmsTransmitter transmitter;

  @Override
  public void onMessage(Message message) {
    metrics.blockReceivedOverJms();
    ConsensusMessages.receive(
        message,
        Limits.MAX_BLOCK_BYTES,
        b -> {
          Block block = Block.decode(b);
          transmitter.received(block.hash());
          return new ConsensusEvent.BlockReceived(block);
        },
        host,
        metrics);
  }
}
