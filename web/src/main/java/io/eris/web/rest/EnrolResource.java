package io.eris.web.rest;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.Json;
import io.eris.core.crypto.PublicKey;
import io.eris.node.application.EnrolmentService;
import io.eris.node.application.NodeLifecycle;
import io.eris.node.application.TxStatusView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Development enrolment of a browser key: {@code {"publicKey": "<64 hex>"}}. */
@Path("enrol")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EnrolResource {
  @EJB EnrolmentService enrolment;
  @EJB NodeLifecycle lifecycle;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response enrol(InputStream body) {
    String text;
    try {
      byte[] bytes = body.readNBytes(1025);
      if (bytes.length > 1024) {
        throw new ProblemException(413, "MESSAGE_TOO_LARGE", "Payload too large", "limit 1024");
      }
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ProblemException.badRequest("BAD_REQUEST", "could not read the request body");
    }
    Object parsed;
    try {
      parsed = Json.parse(text, 1024);
    } catch (CodecException e) {
      throw ProblemException.badRequest(e.code().name(), e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> m)
        || m.size() != 1
        || !(m.get("publicKey") instanceof String hex)
        || !hex.matches("[0-9a-f]{64}")) {
      throw ProblemException.badRequest(
          "MALFORMED_JSON", "expected {\"publicKey\": \"<64 lower-case hex digits>\"}");
    }
    PublicKey key = PublicKey.fromHex(hex);
    var config =
        lifecycle
            .config()
            .orElseThrow(
                () ->
                    new ProblemException(
                        503, "NODE_NOT_READY", "Node not ready", lifecycle.reason()));
    TxStatusView v = enrolment.enrol(config, key);
    if ("REJECTED".equals(v.status())) {
      int status = "ENROLMENT_CLOSED".equals(v.code()) ? 403 : 409;
      throw new ProblemException(status, v.code(), "Enrolment refused", v.reason());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("address", key.address().toHex());
    out.put("status", v.status());
    out.put("txHash", v.hash());
    return Response.status(202).entity(out).build();
  }
}
