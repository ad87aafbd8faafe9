package io.eris.core.consensus;

/**
 * Port: the node's clock, in milliseconds since the epoch. The core never reads the system clock.
 */
@FunctionalInterface
public interface TimeSource {
  long nowMillis();
}
