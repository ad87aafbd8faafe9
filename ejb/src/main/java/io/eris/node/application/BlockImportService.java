package io.eris.node.application;

import io.eris.core.model.Block;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/** Takes blocks that arrived from the network and lets the chain service import them. */
@Stateless
public class BlockImportService {
  @EJB NodeLifecycle lifecycle;
  @EJB ChainService chain;
  @EJB NodeMetrics metrics;

  public void receive(Block block) {
    if (lifecycle.status() != NodeStatus.RUNNING) {
      metrics.dropped("NODE_NOT_RUNNING");
      return;
    }
    lifecycle.config().ifPresent(config -> chain.importBlock(config, block));
  }
}
