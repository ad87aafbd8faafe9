package io.eris.node.application;

import jakarta.ejb.ApplicationException;

/** The database belongs to another chain than the configured genesis. */
@ApplicationException(rollback = true)
public class ChainMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChainMismatchException(String message) {
    super(message);
  }
}
