package io.eris.node.application;

import io.eris.node.infrastructure.config.NodeConfig;
import io.eris.node.infrastructure.persistence.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Brings the node up without ever failing the deployment: migrate the schema, load and check the
 * configuration, open or initialise the chain, then start block production. A configuration error
 * (bad genesis, wrong chain, missing key) stops the node with one clear log line and a readiness
 * check that says why; an unreachable database is retried every few seconds.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeLifecycle {
  private static final Logger LOG = Logger.getLogger(NodeLifecycle.class.getName());
  static final long RETRY_MS = 5_000;

  @Resource TimerService timers;
  @EJB SchemaMigrator migrator;
  @EJB ChainService chain;
  @EJB ConsensusHost consensus;

  private volatile NodeStatus status = NodeStatus.STARTING;
  private volatile String reason = "starting";
  private volatile NodeConfig config;

  @PostConstruct
  void scheduleStart() {
    timers.createSingleActionTimer(10, new TimerConfig(null, false));
  }

  /** Each step commits on its own; a failed step must not undo the ones before it. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tryStart(Timer timer) {
    if (status == NodeStatus.RUNNING || status == NodeStatus.FAILED) {
      return;
    }
    NodeConfig loaded;
    try {
      loaded = NodeConfig.load();
    } catch (NodeConfig.ConfigurationException e) {
      fail(e.getMessage());
      return;
    }
    try {
      int applied = migrator.migrate();
      if (applied > 0) {
        LOG.info(() -> "database schema migrated (" + applied + " migrations)");
      }
      chain.open(loaded);
      consensus.start(loaded);
    } catch (ChainMismatchException e) {
      fail(e.getMessage());
      return;
    } catch (RuntimeException e) {
      waitForDatabase(rootMessage(e));
      return;
    }
    config = loaded;
    status = NodeStatus.RUNNING;
    reason = "running";
    LOG.info(
        () ->
            "node "
                + loaded.nodeName()
                + " running: chain "
                + loaded.genesis().chainId()
                + ", address "
                + loaded.nodeKey().address()
                + ", T="
                + loaded.genesis().blockIntervalMs()
                + " ms");
  }

  private void fail(String why) {
    if (status != NodeStatus.FAILED || !why.equals(reason)) {
      LOG.severe("node cannot start: " + why);
    }
    status = NodeStatus.FAILED;
    reason = why;
  }

  private void waitForDatabase(String why) {
    String message = "database unavailable: " + why;
    if (!message.equals(reason)) {
      LOG.warning(message + " (retrying every " + RETRY_MS / 1000 + " s)");
    }
    status = NodeStatus.WAITING_FOR_DATABASE;
    reason = message;
    timers.createSingleActionTimer(RETRY_MS, new TimerConfig(null, false));
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  public NodeStatus status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public Optional<NodeConfig> config() {
    return Optional.ofNullable(config);
  }
}
