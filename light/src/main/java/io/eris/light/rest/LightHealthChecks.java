package io.eris.light.rest;

import io.eris.light.service.LightService;
import io.eris.light.service.ReadyState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health: live while the application answers; ready when a node answered with verified
 * data within {@code eris.light.ready.within.ms} (the probe asks every {@code
 * eris.light.probe.interval.ms}, so this holds without traffic).
 */
@ApplicationScoped
public class LightHealthChecks {
  // @Inject, not @Resource or @EJB: Payara's health extension builds this bean early.
  @Inject LightBean light;

  @Produces
  @Liveness
  HealthCheck live() {
    return () -> HealthCheckResponse.named("eris-light").up().build();
  }

  @Produces
  @Readiness
  HealthCheck ready() {
    return () -> {
      var builder = HealthCheckResponse.named("eris-light");
      LightService service = light.configured().orElse(null);
      if (service == null) {
        return builder.down().withData("reason", String.valueOf(light.configError())).build();
      }
      ReadyState r = service.readiness();
      return builder.status(r.up()).withData("reason", r.detail()).build();
    };
  }
}
