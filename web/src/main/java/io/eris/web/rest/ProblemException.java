package io.eris.web.rest;

/**
 * An error answered as RFC 9457 problem details; {@code code} is stable and documented in the
 * README's error table.
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final String title;

  public ProblemException(int status, String code, String title, String detail) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
  }

  public static ProblemException notFound(String code, String detail) {
    return new ProblemException(404, code, "Not found", detail);
  }

  public static ProblemException badRequest(String code, String detail) {
    return new ProblemException(400, code, "Bad request", detail);
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
}
