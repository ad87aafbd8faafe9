package io.eris.light.rest;

import io.eris.light.service.LightService;
import io.eris.light.service.ProblemException;
import io.eris.light.service.TxForward;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Forwards signed transactions to a node as they are (the light service cannot judge them; the
 * signature makes forwarding safe). The node's answer is passed back unchanged, with the node's
 * name in {@code X-Eris-Node}.
 */
@Path("txs")
@RequestScoped
public class TxResource {
  static final String NODE = "X-Eris-Node";

  @Inject LightBean light;

  @POST
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public Response submitBytes(InputStream body) {
    return forward(MediaType.APPLICATION_OCTET_STREAM, body);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response submitJson(InputStream body) {
    return forward(MediaType.APPLICATION_JSON, body);
  }

  private Response forward(String contentType, InputStream body) {
    LightService service = light.service();
    TxForward f = service.submit(contentType, read(body));
    return Response.status(f.response().status())
        .type(f.response().contentType().orElse(MediaType.APPLICATION_JSON))
        .entity(f.response().body())
        .header(NODE, f.node())
        .build();
  }

  private static byte[] read(InputStream in) {
    try {
      byte[] bytes = in.readNBytes(LightService.MAX_TX_BODY_BYTES + 1);
      if (bytes.length > LightService.MAX_TX_BODY_BYTES) {
        throw new ProblemException(
            413,
            "MESSAGE_TOO_LARGE",
            "Payload too large",
            "limit " + LightService.MAX_TX_BODY_BYTES + " bytes",
            Map.of());
      }
      return bytes;
    } catch (IOException e) {
      throw ProblemException.badRequest("BAD_REQUEST", "could not read the request body");
    }
  }
}
