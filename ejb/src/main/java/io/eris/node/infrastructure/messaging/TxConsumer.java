package io.eris.node.infrastructure.messaging;

import io.eris.core.consensus.ConsensusEvent;
import io.eris.core.model.Limits;
import io.eris.core.model.Transaction;
import io.eris.node.application.ConsensusHost;
import io.eris.node.application.NodeMetrics;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Transactions gossiped on the {@code txs} topic (pre-verified before their block comes), to the
 * consensus loop.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "resourceAdapter",
          propertyValue = Destinations.RESOURCE_ADAPTER),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(propertyName = "destination", propertyValue = "txs"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      // Reconnect for ever after a broker restart, every 2 s.
      @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
      @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
    })
public class TxConsumer implements MessageListener {
  @EJB ConsensusHost host;
  @EJB NodeMetrics metrics;

  @Override
  public void onMessage(Message message) {
    ConsensusMessages.receive(
        message,
        Limits.MAX_TX_BYTES,
        b -> new ConsensusEvent.TxReceived(Transaction.decode(b)),
        host,
        metrics);
  }
}
