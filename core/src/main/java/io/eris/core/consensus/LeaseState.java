package io.eris.core.consensus;

import io.eris.core.crypto.Address;

/** The lease row: holder (null if never taken), epoch, expiry and the last signed height. */
public record LeaseState(Address holder, long epoch, long expiresAtMillis, long lastSignedHeight) {}
