package io.eris.web.rest;

import io.eris.node.application.ConsensusHost;
import io.eris.node.application.NodeLifecycle;
import io.eris.node.application.NodeMetrics;
import io.eris.node.application.NodeStatus;
import io.eris.node.application.ValidatorQueries;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** This node: its status, identity (address only, never a host name) and counters. */
@Path("node")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {
  @EJB NodeLifecycle lifecycle;
  @EJB NodeMetrics metrics;
  @EJB ConsensusHost consensus;
  @EJB ValidatorQueries validators;

  @GET
  public Map<String, Object> node() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", lifecycle.status().name());
    m.put("reason", lifecycle.reason());
    lifecycle
        .config()
        .ifPresent(
            c -> {
              m.put("name", c.nodeName());
              m.put("address", c.nodeKey().address().toHex());
              m.put("chainId", c.genesis().chainId().toHex());
              m.put("chainName", c.genesis().chainName());
              m.put("blockIntervalMs", c.genesis().blockIntervalMs());
              m.put("leader", c.genesis().leaderKey().address().equals(c.nodeKey().address()));
            });
    m.put("blocksProduced", metrics.blocksProduced());
    m.put("blocksImported", metrics.blocksImported());
    m.put("blocksReceivedOverJms", metrics.blocksReceivedOverJms());
    m.put("droppedMessages", metrics.droppedByReason());
    m.put("mempool", consensus.mempoolSize());
    if (lifecycle.status() == NodeStatus.RUNNING) {
      m.put("outbox", validators.outboxSize());
    }
    return m;
  }
}
