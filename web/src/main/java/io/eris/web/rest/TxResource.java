package io.eris.web.rest;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.Json;
import io.eris.core.model.Limits;
import io.eris.node.application.NodeLifecycle;
import io.eris.node.application.TxService;
import io.eris.node.application.TxStatusView;
import io.eris.node.infrastructure.config.NodeConfig;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Submits signed transactions and reports their status. A transaction is sent as its canonical
 * bytes ({@code application/octet-stream}) or as JSON {@code {"tx": "<hex of the bytes>"}}.
 */
@Path("txs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TxResource {
  /** Request bodies larger than this are refused before parsing. */
  static final int MAX_BODY_BYTES = 2 * Limits.MAX_TX_BYTES + 64;

  @EJB TxService txs;
  @EJB NodeLifecycle lifecycle;

  /**
   * The request thread is not held while the consensus loop commits: the response is resumed when
   * the verdict comes (at once for what needs no state; after at most 10 s, {@code TIMEOUT}).
   */
  @POST
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public void submitBytes(InputStream body, @Suspended AsyncResponse response) {
    respond(response, txs.submitAsync(config(), read(body)));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public void submitJson(InputStream body, @Suspended AsyncResponse response) {
    String text = new String(read(body), StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = Json.parse(text, MAX_BODY_BYTES);
    } catch (CodecException e) {
      throw ProblemException.badRequest(e.code().name(), e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> m)
        || m.size() != 1
        || !(m.get("tx") instanceof String hex)
        || !hex.matches("([0-9a-f]{2})+")) {
      throw ProblemException.badRequest(
          "MALFORMED_JSON", "expected {\"tx\": \"<lower-case hex of the canonical bytes>\"}");
    }
    respond(response, txs.submitAsync(config(), HexFormat.of().parseHex(hex)));
  }

  private static void respond(AsyncResponse response, CompletionStage<TxStatusView> verdict) {
    verdict.whenComplete(
        (v, failure) -> {
          if (failure != null) {
            response.resume(failure);
          } else {
            response.resume(answer(v));
          }
        });
  }

  @GET
  @Path("{hash}")
  public Map<String, Object> status(@PathParam("hash") String hash) {
    if (!hash.matches("[0-9a-f]{64}")) {
      throw ProblemException.badRequest("BAD_TX_HASH", "a tx hash is 64 lower-case hex digits");
    }
    config();
    return view(
        txs.status(hash)
            .orElseThrow(() -> ProblemException.notFound("TX_NOT_FOUND", "unknown tx " + hash)));
  }

  private NodeConfig config() {
    return lifecycle
        .config()
        .orElseThrow(
            () ->
                new ProblemException(503, "NODE_NOT_READY", "Node not ready", lifecycle.reason()));
  }

  private static byte[] read(InputStream in) {
    try {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new ProblemException(
            413, "MESSAGE_TOO_LARGE", "Payload too large", "limit " + MAX_BODY_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw ProblemException.badRequest("BAD_REQUEST", "could not read the request body");
    }
  }

  static Response answer(TxStatusView v) {
    if ("REJECTED".equals(v.status())) {
      Response problem = ProblemMapper.problem(422, v.code(), "Transaction rejected", v.reason());
      @SuppressWarnings("unchecked")
      Map<String, Object> body = (Map<String, Object>) problem.getEntity();
      body.put("status", 422);
      body.put("txStatus", "REJECTED");
      if (v.hash() != null) {
        body.put("hash", v.hash());
      }
      return problem;
    }
    return Response.status(202).entity(view(v)).build();
  }

  static Map<String, Object> view(TxStatusView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hash", v.hash());
    m.put("status", v.status());
    m.put("sender", v.sender());
    m.put("nonce", v.nonce());
    m.put("kind", v.kind());
    if (v.height() != null) {
      m.put("height", v.height());
      m.put("blockHash", v.blockHash());
      m.put("blockKind", v.blockKind());
    }
    if (v.code() != null) {
      m.put("code", v.code());
    }
    if (v.reason() != null) {
      m.put("reason", v.reason());
    }
    if (v.conflictedBy() != null) {
      m.put("conflictedBy", v.conflictedBy());
    }
    return m;
  }
}
