package org.addrservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.health.HealthCheckConfiguration;
import io.dropwizard.health.HealthCheckType;
import io.dropwizard.util.Duration;
import java.nio.file.Path;
import org.addrservice.testing.Configs;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * What a config file gets for health and shutdown when it says nothing, and what config.yml says.
 */
class HealthDefaultsTest {

  @Test
  void aConfigWithoutAHealthSectionSchedulesTheStoreForReadinessAndDeadlocksForLiveness()
      throws Exception {
    AddrServiceConfiguration config = load(Fixtures.path("config/process-sqlite.yml"));

    assertThat(config.scheduledHealthChecks())
        .extracting(
            HealthCheckConfiguration::getName,
            HealthCheckConfiguration::getType,
            HealthCheckConfiguration::isCritical)
        .containsExactly(
            tuple("store", HealthCheckType.READY, true),
            tuple("deadlocks", HealthCheckType.ALIVE, false));
  }

  @Test
  void withoutAServerSectionRequestsInFlightGetTwentySecondsToFinishAtStop() {
    DefaultServerFactory server =
        (DefaultServerFactory) new AddrServiceConfiguration().getServerFactory();

    // With the 5 s health wait period, a stop stays under the 30 s orchestrators usually allow.
    assertThat(server.getShutdownGracePeriod()).isEqualTo(Duration.seconds(20));
  }

  @Test
  void theShippedConfigSchedulesTheSameChecksAsTheDefaults() throws Exception {
    AddrServiceConfiguration shipped = load(Path.of("config.yml"));

    assertThat(shipped.scheduledHealthChecks())
        .usingRecursiveFieldByFieldElementComparator()
        .isEqualTo(new AddrServiceConfiguration().scheduledHealthChecks());
  }

  @Test
  void dropwizardIsNotHandedTheHealthSectionSoItCannotMountItOnTheApplicationPort()
      throws Exception {
    assertThat(load(Path.of("config.yml")).getHealthFactory()).isEmpty();
  }

  private static AddrServiceConfiguration load(Path file) throws Exception {
    return Configs.load(file);
  }
}
