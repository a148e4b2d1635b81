package org.addrservice.health;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.health.HealthCheckConfiguration;
import io.dropwizard.health.HealthStateListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the health module's state of each scheduled check as the gauge {@code
 * addrservice.health.<check>.healthy}, 1 or 0, so that monitoring can alert on what readiness sees.
 */
public final class HealthGauges implements HealthStateListener {

  private final Map<String, AtomicBoolean> states;

  public HealthGauges(MetricRegistry metrics, List<HealthCheckConfiguration> checks) {
    Map<String, AtomicBoolean> byName = new HashMap<>();
    for (HealthCheckConfiguration check : checks) {
      AtomicBoolean healthy = new AtomicBoolean(check.isInitialState());
      byName.put(check.getName(), healthy);
      metrics.register(
          MetricRegistry.name("addrservice.health", check.getName(), "healthy"),
          (Gauge<Integer>) () -> healthy.get() ? 1 : 0);
    }
    this.states = Map.copyOf(byName);
  }

  /** The module's verdict, after its failure and success attempts: what readiness answers. */
  @Override
  public void onStateChanged(String healthCheckName, boolean healthy) {
    AtomicBoolean state = states.get(healthCheckName);
    if (state != null) {
      state.set(healthy);
    }
  }

  // Single runs are not verdicts: one failed ping does not make the store unhealthy.
  @Override
  public void onHealthyCheck(String healthCheckName) {}

  @Override
  public void onUnhealthyCheck(String healthCheckName) {}
}
