package io.eris.light.verify;

/** An answer that failed a check; {@link #rejection()} says which one, the message says how. */
public final class Unverifiable extends Exception {
  private static final long serialVersionUID = 1L;
  private final Rejection rejection;

  public Unverifiable(Rejection rejection, String detail) {
    super(detail);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
