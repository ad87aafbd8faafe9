package io.eris.node.infrastructure.messaging;

import io.eris.core.model.Block;
import io.eris.core.model.Vote;
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

  @Resource(lookup = Destinations.VOTES)
  Topic votes;

  @Override
  public void block(Block block) {
    send(blocks, block.encode(), block.height());
  }

  @Override
  public void vote(Vote vote) {
    send(votes, vote.encode(), vote.height());
  }

  private void send(Topic topic, byte[] body, long height) {
    try (JMSContext context = connectionFactory.createContext()) {
      BytesMessage message = context.createBytesMessage();
      message.writeBytes(body);
      message.setLongProperty("height", height);
      context.createProducer().send(topic, message);
    } catch (jakarta.jms.JMSException e) {
      throw new jakarta.jms.JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
    }
  }
}
