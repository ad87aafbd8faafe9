package io.eris.web.rest;

import io.eris.node.application.NodeEvent;
import io.eris.node.application.NodeEventListener;
import io.eris.node.application.NodeEvents;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-sent events: {@code head} on every new head or final block, and {@code tx} for status
 * changes of the transactions of {@code ?address=} (all transactions when absent).
 */
@Path("events")
@ApplicationScoped
public class EventsResource implements NodeEventListener {
  /** Open streams per node: beyond this a new subscriber is refused (503). */
  static final int MAX_SUBSCRIBERS = 1_000;

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject NodeEvents events;

  private volatile Sse sse;
  private final Map<SseEventSink, String> subscribers = new ConcurrentHashMap<>();

  @PostConstruct
  void listen() {
    events.addListener(this);
  }

  @PreDestroy
  void stop() {
    events.removeListener(this);
    subscribers.keySet().forEach(SseEventSink::close);
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void subscribe(
      @Context SseEventSink sink, @Context Sse sse, @QueryParam("address") String address) {
    if (address != null && !address.matches("[0-9a-f]{40}")) {
      throw ProblemException.badRequest("BAD_ADDRESS", "an address is 40 lower-case hex digits");
    }
    if (subscribers.size() >= MAX_SUBSCRIBERS) {
      throw new ProblemException(503, "TOO_MANY_SUBSCRIBERS", "Busy", "try again later");
    }
    this.sse = sse;
    subscribers.put(sink, address == null ? "" : address);
    sink.send(sse.newEventBuilder().comment("subscribed").build());
  }

  /** Runs on the events' own delivery thread, never on the consensus loop. */
  @Override
  public void committed(List<NodeEvent> events) {
    Sse current = sse;
    if (current == null || subscribers.isEmpty()) {
      return;
    }
    for (NodeEvent e : events) {
      if (e instanceof NodeEvent.HeadChanged h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("height", h.head().height());
        m.put("hash", h.head().hash().toHex());
        m.put("finalHeight", h.head().finalHeight());
        m.put("mode", h.mode());
        broadcast(current, "head", m, null);
      } else if (e instanceof NodeEvent.TxChanged t) {
        broadcast(current, "tx", TxResource.view(t.status()), t.status().sender());
      }
    }
  }

  /** The JSON is written once per event, not once per subscriber. */
  private void broadcast(Sse current, String name, Map<String, Object> data, String sender) {
    OutboundSseEvent event =
        current
            .newEventBuilder()
            .name(name)
            .mediaType(MediaType.TEXT_PLAIN_TYPE)
            .data(String.class, JSON.toJson(data))
            .build();
    subscribers.forEach(
        (sink, address) -> {
          if (sink.isClosed()) {
            subscribers.remove(sink);
            return;
          }
          if (sender != null && !address.isEmpty() && !address.equals(sender)) {
            return;
          }
          sink.send(event)
              .whenComplete(
                  (ok, failure) -> {
                    if (failure != null) {
                      subscribers.remove(sink);
                      sink.close();
                    }
                  });
        });
  }
}
