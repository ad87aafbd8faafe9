package io.eris.light.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered as RFC 9457 problem details; {@code code} is stable and documented in the
 * README ("Light web service"). Extra members (such as the per-node reasons of {@code
 * NO_VERIFIED_ANSWER}) are added to the problem body.
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final String title;
  private final transient Map<String, Object> extra;

  public ProblemException(
      int status, String code, String title, String detail, Map<String, Object> extra) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
    this.extra = new LinkedHashMap<>(extra);
  }

  public static ProblemException badRequest(String code, String detail) {
    return new ProblemException(400, code, "Bad request", detail, Map.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> extra() {
    return extra == null ? Map.of() : extra;
  }
}
