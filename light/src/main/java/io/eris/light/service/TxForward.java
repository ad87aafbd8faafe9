package io.eris.light.service;

import io.eris.light.node.NodeResponse;

/** A node's answer to a forwarded transaction, passed back as it is, and which node it was. */
public record TxForward(NodeResponse response, String node) {}
