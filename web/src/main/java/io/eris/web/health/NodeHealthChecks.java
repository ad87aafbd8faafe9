package io.eris.web.health;

import io.eris.node.application.NodeLifecycle;
import io.eris.node.application.NodeStatus;
import io.eris.node.application.ReadinessProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health: live while the application answers; ready only when the node runs and both
 * its database and its broker answer now.
 */
@ApplicationScoped
public class NodeHealthChecks {
  // @Inject, not @EJB: Payara's health extension builds this bean before java:comp/env exists.
  @Inject NodeLifecycle lifecycle;
  @Inject ReadinessProbe probe;

  @Produces
  @Liveness
  HealthCheck live() {
    return () -> HealthCheckResponse.named("eris-node").up().build();
  }

  @Produces
  @Readiness
  HealthCheck ready() {
    return () -> {
      var builder = HealthCheckResponse.named("eris-node");
      NodeStatus status = lifecycle.status();
      builder.withData("status", status.name()).withData("reason", lifecycle.reason());
      String db = probe.database();
      String broker = probe.broker();
      builder.withData("database", db).withData("broker", broker);
      boolean up = status == NodeStatus.RUNNING && "UP".equals(db) && "UP".equals(broker);
      return builder.status(up).build();
    };
  }
}
