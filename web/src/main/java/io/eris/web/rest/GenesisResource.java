package io.eris.web.rest;

import io.eris.core.codec.Json;
import io.eris.node.application.NodeLifecycle;
import io.eris.node.infrastructure.config.NodeConfig;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The genesis this node runs, in its JSON file form, with its chain id. */
@Path("genesis")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GenesisResource {
  @EJB NodeLifecycle lifecycle;

  @GET
  @SuppressWarnings("unchecked")
  public Map<String, Object> genesis() {
    NodeConfig config =
        lifecycle
            .config()
            .orElseThrow(
                () ->
                    new ProblemException(
                        503, "NODE_NOT_READY", "Node not ready", lifecycle.reason()));
    Map<String, Object> m = (Map<String, Object>) Json.parse(config.genesis().toJson(), 1 << 24);
    m.put("chainId", config.genesis().chainId().toHex());
    return m;
  }
}
