package io.eris.light.rest;

import io.eris.light.service.LightService;
import io.eris.light.service.LightSettings;
import io.eris.light.service.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Holds the one {@link LightService} of the application, built at deployment from MicroProfile
 * Config, and runs its periodic probe (which keeps readiness current without traffic). A wrong
 * configuration never fails the deployment: it is logged once, readiness is DOWN with the reason,
 * and the API answers {@code 503 LIGHT_NOT_CONFIGURED}.
 */
@ApplicationScoped
public class LightBean {
  private static final Logger LOG = Logger.getLogger(LightBean.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private volatile LightService service;
  private volatile String configError = "not started";
  private ScheduledFuture<?> probe;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    Config config = ConfigProvider.getConfig();
    try {
      LightSettings settings =
          LightSettings.from(name -> config.getOptionalValue(name, String.class));
      service = new LightService(settings, System::currentTimeMillis, executor);
      configError = null;
      LOG.info(
          () ->
              "light service: chain "
                  + settings.genesisHash().toHex()
                  + ", "
                  + settings.nodes().size()
                  + " node(s)");
      if (settings.probeIntervalMs() > 0 && scheduler != null) {
        probe =
            scheduler.scheduleWithFixedDelay(
                service::probe, 0, settings.probeIntervalMs(), TimeUnit.MILLISECONDS);
      }
    } catch (IllegalArgumentException e) {
      configError = e.getMessage();
      LOG.severe("light service not configured: " + configError);
    }
  }

  @PreDestroy
  void stop() {
    if (probe != null) {
      probe.cancel(true);
    }
  }

  /** The service, or {@code 503 LIGHT_NOT_CONFIGURED} naming what is wrong. */
  LightService service() {
    LightService s = service;
    if (s == null) {
      throw new ProblemException(
          503, "LIGHT_NOT_CONFIGURED", "Light service not configured", configError, Map.of());
    }
    return s;
  }

  Optional<LightService> configured() {
    return Optional.ofNullable(service);
  }

  String configError() {
    return configError;
  }
}
