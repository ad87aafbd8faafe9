package io.eris.node.application;

import io.eris.core.model.Block;

/** The only way messages leave the node. */
public interface Broadcaster {
  void block(Block block);

  void vote(io.eris.core.model.Vote vote);
}
