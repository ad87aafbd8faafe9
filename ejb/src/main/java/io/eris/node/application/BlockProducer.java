package io.eris.node.application;

import io.eris.node.infrastructure.config.NodeConfig;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The leader's clock: every T ms it asks the chain service for the next block (an empty heartbeat
 * when idle). Non-persistent timer: a restarted node re-arms it when it starts.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BlockProducer {
  private static final Logger LOG = Logger.getLogger(BlockProducer.class.getName());

  @Resource TimerService timers;
  @EJB ChainService chain;

  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile NodeConfig config;
  private volatile String lastError = "";

  public void start(NodeConfig config) {
    this.config = config;
    if (!config.genesis().leaderKey().equals(config.nodeKey().publicKey())) {
      LOG.info("this node is a follower: it imports blocks and does not produce them");
      return;
    }
    timers.getTimers().forEach(jakarta.ejb.Timer::cancel);
    long t = config.genesis().blockIntervalMs();
    timers.createIntervalTimer(t, t, new TimerConfig(null, false));
  }

  @Timeout
  void tick() {
    // A slow tick (e.g. a database pause) must not pile up behind itself.
    if (!busy.compareAndSet(false, true)) {
      return;
    }
    try {
      chain.produceNext(config);
      lastError = "";
    } catch (RuntimeException e) {
      String why = NodeLifecycle.rootMessage(e);
      if (!why.equals(lastError)) {
        LOG.warning("block production failed, will retry next tick: " + why);
        lastError = why;
      }
    } finally {
      busy.set(false);
    }
  }
}
