package io.eris.light.node;

/**
 * A node that gave no usable HTTP answer. The codes are stable and appear, with the node's name, in
 * the light service's problems.
 */
public final class NodeFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong talking to a node. */
  public enum Code {
    /** Connection refused, reset or any other I/O error. */
    UNREACHABLE,
    /** No complete answer within the request timeout. */
    TIMEOUT,
    /** The body was larger than the limit for that answer; it was not parsed. */
    TOO_LARGE,
    /** The node answered with a status other than the expected one. */
    BAD_STATUS,
    /** The node answered 503: it is starting or stopped (NODE_NOT_READY). */
    NODE_NOT_READY
  }

  private final Code code;

  public NodeFailure(Code code, String detail) {
    super(detail);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
