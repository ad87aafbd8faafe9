package io.eris.light.rest;

import io.eris.light.service.LightAnswer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The node's read API, answered only with data verified against the trusted genesis. Each answer
 * names the node it was verified from ({@code verifiedBy} and the {@code X-Eris-Verified-By}
 * header) and says whether it is {@code stale} (from the cache while no node verifies).
 */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReadResource {
  static final String VERIFIED_BY = "X-Eris-Verified-By";
  static final String STALE = "X-Eris-Stale";

  @Inject LightBean light;

  @GET
  @Path("accounts/{address}")
  public Response account(@PathParam("address") String address) {
    return ok(light.service().account(address));
  }

  /** A key-value entry; {@code keyHex} is the key's bytes in lower-case hex. */
  @GET
  @Path("kv/{namespace}/{keyHex}")
  public Response kv(@PathParam("namespace") String namespace, @PathParam("keyHex") String keyHex) {
    return ok(light.service().kv(namespace, keyHex));
  }

  @GET
  @Path("head")
  public Response head() {
    return ok(light.service().head());
  }

  @GET
  @Path("genesis")
  public Response genesis() {
    return ok(light.service().genesis());
  }

  @GET
  @Path("validators")
  public Response validators() {
    return ok(light.service().validators());
  }

  /** This service's own state: trusted chain id, nodes and their back-off, cache, readiness. */
  @GET
  @Path("light")
  public Map<String, Object> status() {
    return light.service().status();
  }

  private static Response ok(LightAnswer a) {
    Response.ResponseBuilder b = Response.ok(a.body()).header("Cache-Control", "no-store");
    if (a.node() != null) {
      b.header(VERIFIED_BY, a.node());
    }
    if (a.stale()) {
      b.header(STALE, "true");
    }
    return b.build();
  }
}
