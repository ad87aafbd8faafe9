package io.eris.light.rest;

import io.eris.light.service.ProblemException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error of the light API leaves as {@code application/problem+json} with a stable code, as
 * the node's API does.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
  public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
  private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

  @Context UriInfo uri;

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof ProblemException p) {
      return problem(p.status(), p.code(), p.title(), p.getMessage(), p.extra());
    }
    if (e instanceof WebApplicationException w) {
      int status = w.getResponse().getStatus();
      String code =
          switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status < 500 ? "BAD_REQUEST" : "INTERNAL";
          };
      return problem(
          status,
          code,
          w.getResponse().getStatusInfo().getReasonPhrase(),
          w.getMessage(),
          Map.of());
    }
    LOG.log(Level.WARNING, "unexpected error answering " + path(), e);
    return problem(
        500, "INTERNAL", "Internal error", "the request could not be completed", Map.of());
  }

  private String path() {
    return uri == null ? "?" : uri.getPath();
  }

  static Response problem(
      int status, String code, String title, String detail, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:eris:problem:" + code);
    body.put("title", title);
    body.put("status", status);
    body.put("code", code);
    if (detail != null) {
      body.put("detail", detail);
    }
    body.putAll(extra);
    return Response.status(status).type(PROBLEM_JSON).entity(body).build();
  }
}
