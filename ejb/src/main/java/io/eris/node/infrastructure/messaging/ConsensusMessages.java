package io.eris.node.infrastructure.messaging;

import io.eris.core.codec.CodecException;
import io.eris.core.consensus.ConsensusEvent;
import io.eris.node.application.ConsensusHost;
import io.eris.node.application.NodeMetrics;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.function.Function;

/**
 * What the consensus topics' message-driven beans share: refuse anything that is not a bytes
 * message or is over the size limit before reading it, decode strictly, and queue the event for the
 * consensus loop. Refusals are counted by reason; nothing else happens to the node.
 */
final class ConsensusMessages {
  private ConsensusMessages() {}

  static void receive(
      Message message,
      int maxBytes,
      Function<byte[], ConsensusEvent> decode,
      ConsensusHost host,
      NodeMetrics metrics) {
    byte[] bytes;
    try {
      if (!(message instanceof BytesMessage bm)) {
        metrics.dropped("NOT_BYTES");
        return;
      }
      long length = bm.getBodyLength();
      if (length > maxBytes) {
        metrics.dropped("MESSAGE_TOO_LARGE");
        return;
      }
      bytes = new byte[(int) length];
      bm.readBytes(bytes);
    } catch (JMSException e) {
      metrics.dropped("UNREADABLE");
      return;
    }
    ConsensusEvent event;
    try {
      event = decode.apply(bytes);
    } catch (CodecException e) {
      metrics.dropped(e.code().name());
      return;
    } catch (IllegalArgumentException e) {
      metrics.dropped("MALFORMED");
      return;
    }
    host.enqueue(event);
  }
}
