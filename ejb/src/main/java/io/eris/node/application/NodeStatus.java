package io.eris.node.application;

/** Where the node is in its life; only RUNNING nodes take part in the chain. */
public enum NodeStatus {
  STARTING,
  WAITING_FOR_DATABASE,
  RUNNING,
  FAILED
}
