package io.eris.node.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Publishes the node's figures as MicroProfile Metrics, served by Payara in Prometheus text at
 * {@code /metrics} (names prefixed {@code eris_}).
 */
@Singleton
@Startup
public class MetricsRegistration {
  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @EJB NodeMetrics metrics;
  @EJB ChainQueries chain;
  @EJB ConsensusHost consensus;
  @EJB NodeLifecycle lifecycle;

  @PostConstruct
  void register() {
    registry.gauge("eris_height", chain, c -> c.head().map(h -> h.height()).orElse(-1L));
    registry.gauge("eris_final_height", chain, c -> c.head().map(h -> h.finalHeight()).orElse(-1L));
    registry.gauge(
        "eris_mode_fallback",
        chain,
        c -> c.head().isPresent() && "FALLBACK".equals(c.mode()) ? 1 : 0);
    registry.gauge(
        "eris_mode_standby_leader",
        chain,
        c -> c.head().isPresent() && "STANDBY-LEADER".equals(c.mode()) ? 1 : 0);
    registry.gauge("eris_running", lifecycle, l -> l.status() == NodeStatus.RUNNING ? 1 : 0);
    registry.gauge("eris_mempool_txs", consensus, ConsensusHost::mempoolSize);
    registry.gauge("eris_event_queue", consensus, ConsensusHost::queueSize);
    registry.gauge("eris_blocks_produced_total", metrics, NodeMetrics::blocksProduced);
    registry.gauge("eris_blocks_imported_total", metrics, NodeMetrics::blocksImported);
    registry.gauge(
        "eris_blocks_received_over_jms_total", metrics, NodeMetrics::blocksReceivedOverJms);
    registry.gauge(
        "eris_dropped_messages_total",
        metrics,
        m -> m.droppedByReason().values().stream().mapToLong(Long::longValue).sum());
  }
}
