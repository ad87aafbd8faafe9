package io.eris.node.infrastructure.messaging;

import io.eris.core.model.Block;
import io.eris.node.application.Broadcaster;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;

/**
 * Publishes the node's messages through the Artemis resource adapter. Sends join the caller's
 * transaction, so a block is published exactly when the transaction storing it commits.
 */
@ApplicationScoped
public class JmsBroadcaster implements Broadcaster {
  @Resource(lookup = Destinations.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = Destinations.BLOCKS)
  Topic blocks;

  @Override
  public void block(Block block) {
    try (JMSContext context = connectionFactory.createContext()) {
      BytesMessage message = context.createBytesMessage();
      message.writeBytes(block.encode());
      message.setLongProperty("height", block.height());
      context.createProducer().send(blocks, message);
    } catch (jakarta.jms.JMSException e) {
      throw new jakarta.jms.JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
    }
  }
}
