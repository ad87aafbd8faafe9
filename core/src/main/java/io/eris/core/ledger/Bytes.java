package io.eris.core.ledger;

import java.util.Arrays;

/** A byte string usable as a map key; the array is never modified after construction. */
final class Bytes implements Comparable<Bytes> {
  final byte[] data;
  private final int hash;

  Bytes(byte[] data) {
    this.data = data;
    this.hash = Arrays.hashCode(data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && hash == b.hash && Arrays.equals(data, b.data);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(data, o.data);
  }
}
