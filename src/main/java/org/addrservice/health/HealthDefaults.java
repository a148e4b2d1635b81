package org.addrservice.health;

import io.dropwizard.health.DefaultHealthFactory;
import io.dropwizard.health.HealthCheckConfiguration;
import io.dropwizard.health.HealthCheckType;
import io.dropwizard.health.Schedule;
import io.dropwizard.util.Duration;
import java.util.List;

/**
 * The {@code health:} section used when the configuration has none: the store check decides
 * readiness, the deadlock check liveness, and a stop turns readiness red for a few seconds before
 * the server drains.
 */
public final class HealthDefaults {

  private HealthDefaults() {}

  public static DefaultHealthFactory build() {
    Schedule storeSchedule = new Schedule();
    storeSchedule.setInitialDelay(Duration.seconds(0));
    storeSchedule.setCheckInterval(Duration.seconds(5));
    storeSchedule.setDowntimeInterval(Duration.seconds(2));
    storeSchedule.setFailureAttempts(2);
    storeSchedule.setSuccessAttempts(1);
    HealthCheckConfiguration store = scheduledCheck("store", HealthCheckType.READY, storeSchedule);
    store.setCritical(true);

    // A deadlock never resolves itself: one sighting is enough.
    Schedule deadlockSchedule = new Schedule();
    deadlockSchedule.setInitialDelay(Duration.seconds(0));
    deadlockSchedule.setCheckInterval(Duration.seconds(10));
    deadlockSchedule.setDowntimeInterval(Duration.seconds(10));
    deadlockSchedule.setFailureAttempts(1);
    deadlockSchedule.setSuccessAttempts(1);
    HealthCheckConfiguration deadlocks =
        scheduledCheck("deadlocks", HealthCheckType.ALIVE, deadlockSchedule);

    DefaultHealthFactory health = new DefaultHealthFactory();
    health.setHealthCheckConfigurations(List.of(store, deadlocks));
    health.setDelayedShutdownHandlerEnabled(true);
    health.setShutdownWaitPeriod(Duration.seconds(5));
    return health;
  }

  private static HealthCheckConfiguration scheduledCheck(
      String name, HealthCheckType type, Schedule schedule) {
    HealthCheckConfiguration check = new HealthCheckConfiguration();
    check.setName(name);
    check.setType(type);
    check.setSchedule(schedule);
    return check;
  }
}
