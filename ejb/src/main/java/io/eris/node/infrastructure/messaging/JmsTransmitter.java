package io.eris.node.infrastructure.messaging;

import io.eris.core.consensus.SyncReply;
import io.eris.core.consensus.SyncRequest;
import io.eris.core.consensus.Transmitter;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.core.model.Vote;
import io.eris.node.application.NodeMetrics;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * The consensus core's way out, over Artemis. Messages are buffered while the host applies a batch
 * of events and sent by {@link #flush} only after the batch's transaction committed: a vote is
 * never out before it is stored, a block never before it is durable. Sending is asynchronous
 * (non-blocking sends, see STACK-NOTES) because every message is self-authenticating and re-sent by
 * the protocol (outbox, sync) when lost: non-persistent messages, which Artemis sends without
 * waiting for an answer.
 */
@ApplicationScoped
public class JmsTransmitter implements Transmitter {
  private static final Logger LOG = Logger.getLogger(JmsTransmitter.class.getName());

  /** Property on sync messages: "request" or "reply". */
  public static final String SYNC_TYPE = "type";

  /** Property on sync messages: the address of the node that asked. */
  public static final String REQUESTER = "requester";

  /**
   * Property on sync messages: on a request, the one peer asked to answer (absent: any peer
   * answers); on a reply, the peer that answered.
   */
  public static final String RESPONDER = "responder";

  /** A peer that left a sync request unanswered is not asked again for this long. */
  static final long SUSPECT_MILLIS = 30_000;

  @Resource(lookup = Destinations.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = Destinations.TXS)
  Topic txs;

  @Resource(lookup = Destinations.BLOCKS)
  Topic blocks;

  @Resource(lookup = Destinations.VOTES)
  Topic votes;

  @Resource(lookup = Destinations.SYNC)
  Topic sync;

  @EJB NodeMetrics metrics;

  private volatile long lastProducedHeight = -1;
  private volatile Hash lastProduced;
  private final Set<Hash> received =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
              return size() > 1024;
            }
          });

  private record Outgoing(
      Topic topic, byte[] body, String type, String requester, String responder) {}

  private volatile String self;
  private volatile List<String> peers = List.of();
  private final Map<String, Long> lastReplyAt = new ConcurrentHashMap<>();
  private final Map<String, Long> suspectUntil = new ConcurrentHashMap<>();
  private String lastAsked;
  private long lastAskedAt;

  private final ThreadLocal<List<Outgoing>> pending = ThreadLocal.withInitial(ArrayList::new);

  @Override
  public void broadcastTx(Transaction tx) {
    pending.get().add(new Outgoing(txs, tx.encode(), null, null, null));
  }

  @Override
  public void broadcastBlock(Block block) {
    if (block.height() > lastProducedHeight && !received.contains(block.hash())) {
      lastProducedHeight = block.height();
      lastProduced = block.hash();
      metrics.blockProduced();
    }
    pending.get().add(new Outgoing(blocks, block.encode(), null, null, null));
  }

  /** Whether this node made (and first sent) the block. */
  public boolean producedHere(Hash block) {
    return block.equals(lastProduced);
  }

  /** A block that came from the network, so re-offering it is not producing it. */
  public void received(Hash block) {
    received.add(block);
  }

  @Override
  public void broadcastVote(Vote vote) {
    pending.get().add(new Outgoing(votes, vote.encode(), null, null, null));
  }

  /**
   * Who this node is and which peers may answer its sync requests (addresses in hex). Each request
   * is addressed to one of them, as the core expects (one answer per request): the others skip it
   * unread.
   */
  public void peers(String selfAddress, List<String> peerAddresses) {
    self = selfAddress;
    peers = List.copyOf(peerAddresses);
  }

  /** A sync reply came from {@code responder}. */
  public void answeredBy(String responder) {
    if (responder != null) {
      lastReplyAt.put(responder, System.currentTimeMillis());
      suspectUntil.remove(responder);
    }
  }

  @Override
  public void requestSync(SyncRequest request) {
    String responder = pickResponder(System.currentTimeMillis());
    pending
        .get()
        .add(
            new Outgoing(
                sync, request.encode(), "request", request.requester().toHex(), responder));
  }

  /**
   * A random peer, skipping one that left the previous request unanswered (down, or cut off) for a
   * while; {@code null} (any peer answers) when no peer is known.
   */
  synchronized String pickResponder(long now) {
    List<String> all = peers;
    if (all.isEmpty()) {
      return null;
    }
    if (lastAsked != null && lastReplyAt.getOrDefault(lastAsked, -1L) < lastAskedAt) {
      suspectUntil.put(lastAsked, now + SUSPECT_MILLIS);
    }
    List<String> candidates = new ArrayList<>();
    for (String p : all) {
      if (suspectUntil.getOrDefault(p, 0L) <= now) {
        candidates.add(p);
      }
    }
    if (candidates.isEmpty()) {
      candidates = all;
    }
    lastAsked = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    lastAskedAt = now;
    return lastAsked;
  }

  @Override
  public void replySync(Address requester, SyncReply reply) {
    pending.get().add(new Outgoing(sync, reply.encode(), "reply", requester.toHex(), self));
  }

  /** Drops what this thread buffered (its transaction rolled back). */
  public void discard() {
    pending.get().clear();
  }

  /** Sends what this thread buffered; returns how many messages went out. */
  public int flush() {
    List<Outgoing> out = pending.get();
    if (out.isEmpty()) {
      return 0;
    }
    List<Outgoing> batch = new ArrayList<>(out);
    out.clear();
    int sent = 0;
    try (JMSContext context = connectionFactory.createContext()) {
      // Non-persistent: the subscriptions are the nodes' non-durable ones, and every message is
      // re-sent by the protocol when lost (outbox, sync), so a persistent send would only make
      // the loop wait for the broker's answer to each message.
      JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
      for (Outgoing o : batch) {
        BytesMessage m = context.createBytesMessage();
        m.writeBytes(o.body());
        if (o.type() != null) {
          m.setStringProperty(SYNC_TYPE, o.type());
          m.setStringProperty(REQUESTER, o.requester());
          if (o.responder() != null) {
            m.setStringProperty(RESPONDER, o.responder());
          }
        }
        producer.send(o.topic(), m);
        sent++;
      }
    } catch (JMSException | RuntimeException e) {
      LOG.warning(
          "broker unavailable, "
              + (batch.size() - sent)
              + " messages not sent (the protocol re-sends): "
              + e.getMessage());
    }
    return sent;
  }
}
