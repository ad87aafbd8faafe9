package io.eris.node.infrastructure.messaging;

import io.eris.core.codec.CodecException;
import io.eris.core.consensus.ConsensusEvent;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Limits;
import io.eris.core.model.Transaction;
import io.eris.node.application.ConsensusHost;
import io.eris.node.application.NodeMetrics;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Transactions gossiped on the {@code txs} topic, pre-verified here (before their block comes and
 * off the consensus loop), to the consensus loop.
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
// No XA transaction per message: the bean only queues the event (the queue is in memory, so an
// acknowledgement after it would promise nothing more), and the protocol re-sends what is lost.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TxConsumer implements MessageListener {
  @EJB ConsensusHost host;
  @EJB NodeMetrics metrics;

  @Override
  public void onMessage(Message message) {
    ConsensusMessages.receive(
        message,
        Limits.MAX_TX_BYTES,
        b -> {
          Transaction tx = Transaction.decode(b);
          // Signature, chain and size here, on this bean's thread: the loop then finds the
          // signature in its cache, and a forged tx never reaches it (counted by its code).
          Verdict v = host.stateless(tx);
          if (!v.isOk()) {
            throw new CodecException(v.code(), v.message());
          }
          return new ConsensusEvent.TxReceived(tx);
        },
        host,
        metrics);
  }
}
