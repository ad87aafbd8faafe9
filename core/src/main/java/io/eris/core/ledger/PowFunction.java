package io.eris.core.ledger;

import io.eris.core.crypto.Hash;

/** A named, versioned proof-of-work function over a block header's canonical encoding. */
public interface PowFunction {
  String name();

  Hash hash(byte[] headerEncoding);
}
