package io.eris.node.infrastructure.messaging;

import io.eris.core.codec.CodecException;
import io.eris.core.model.Block;
import io.eris.node.application.BlockImportService;
import io.eris.node.application.NodeMetrics;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Receives blocks from the {@code blocks} topic; size-checks, decodes and hands them over. */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "resourceAdapter",
          propertyValue = Destinations.RESOURCE_ADAPTER),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(
          propertyName = "destination",
          propertyValue = Destinations.BLOCKS_ADDRESS),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
    })
public class BlockConsumer implements MessageListener {
  private static final Logger LOG = Logger.getLogger(BlockConsumer.class.getName());

  @EJB BlockImportService importer;
  @EJB NodeMetrics metrics;

  @Override
  public void onMessage(Message message) {
    byte[] bytes;
    try {
      if (!(message instanceof BytesMessage bm)) {
        metrics.dropped("NOT_BYTES");
        return;
      }
      long length = bm.getBodyLength();
      if (length > Destinations.MAX_BLOCK_MESSAGE_BYTES) {
        metrics.dropped("MESSAGE_TOO_LARGE");
        return;
      }
      bytes = new byte[(int) length];
      bm.readBytes(bytes);
    } catch (JMSException e) {
      LOG.log(Level.WARNING, "unreadable block message: {0}", e.getMessage());
      metrics.dropped("UNREADABLE");
      return;
    }
    metrics.blockReceivedOverJms();
    Block block;
    try {
      block = Block.decode(bytes);
    } catch (CodecException e) {
      metrics.dropped(e.code().name());
      return;
    }
    importer.receive(block);
  }
}
