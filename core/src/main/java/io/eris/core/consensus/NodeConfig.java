package io.eris.core.consensus;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.model.Genesis;

/**
 * Who a node is. {@code validatorKey} (null for a non-voting node) votes and mines; {@code
 * leaderKey} (null unless this node is the leader or its hot standby) signs LEADER blocks while the
 * node holds the lease. {@code address} names the node in sync requests. {@code signatures} is the
 * node's signature cache, shared with its ingest path.
 */
public record NodeConfig(
    Genesis genesis,
    Address address,
    KeyPair validatorKey,
    KeyPair leaderKey,
    SignatureCache signatures,
    Tuning tuning) {}
