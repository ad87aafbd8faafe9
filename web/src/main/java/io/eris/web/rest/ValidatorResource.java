package io.eris.web.rest;

import io.eris.core.consensus.EquivocationEvidence;
import io.eris.node.application.NodeLifecycle;
import io.eris.node.application.NodeStatus;
import io.eris.node.application.ValidatorQueries;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validators at the head with their last votes, and equivocation evidence. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ValidatorResource {
  @EJB ValidatorQueries validators;
  @EJB NodeLifecycle lifecycle;

  @GET
  @Path("validators")
  public List<Map<String, Object>> validators() {
    ready();
    List<Map<String, Object>> out = new ArrayList<>();
    for (ValidatorQueries.ValidatorView v : validators.validators()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("address", v.address());
      m.put("publicKey", v.publicKey());
      m.put("stake", v.stake());
      m.put("lastVoteHeight", v.lastVoteHeight());
      out.add(m);
    }
    return out;
  }

  /** Two votes by one key at one height for different blocks, usable in a revocation. */
  @GET
  @Path("evidence")
  public List<Map<String, Object>> evidence() {
    ready();
    List<Map<String, Object>> out = new ArrayList<>();
    for (EquivocationEvidence e : validators.evidence(100)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("voter", e.voter().address().toHex());
      m.put("height", e.height());
      m.put("voteA", HexFormat.of().formatHex(e.first().encode()));
      m.put("voteB", HexFormat.of().formatHex(e.second().encode()));
      out.add(m);
    }
    return out;
  }

  private void ready() {
    if (lifecycle.status() != NodeStatus.RUNNING) {
      throw ChainResource.notReady();
    }
  }
}
