package org.addrservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.util.Duration;
import java.util.Map;
import org.addrservice.testing.Configs;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The API port's thread pool a configuration gives the service: bounded for a machine of a few
 * cores, shrinking again after a burst, and always larger than what the overload limit lets in.
 */
class ThreadPoolConfigTest {

  @Test
  void withoutAServerSectionThePoolHoldsAtMost128ThreadsAndLetsIdleOnesGoAfter10Seconds() {
    AbstractServerFactory server =
        (AbstractServerFactory) new AddrServiceConfiguration().getServerFactory();

    assertThat(server.getMaxThreads()).isEqualTo(128);
    assertThat(server.getMinThreads()).isEqualTo(8);
    assertThat(server.getIdleThreadTimeout()).isEqualTo(Duration.seconds(10));
  }

  @Test
  void byDefaultTheOverloadLimitLetsIn64RequestsAndLeavesTheRestOfThePoolToJetty() {
    AddrServiceConfiguration config = new AddrServiceConfiguration();

    assertThat(config.getOverload().getMaxConcurrentRequests()).isEqualTo(64);
    assertThat(config.isOverloadWithinThreadPool()).isTrue();
  }

  @Test
  void anOverloadLimitThatWouldTakeThePoolFromJettyIsRefusedWhenTheConfigLoads() {
    assertThatThrownBy(
            () -> Configs.load(Fixtures.path("config/broken/overload-beyond-thread-pool.yml")))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining(
            "overload.maxConcurrentRequests must leave at least 8 of server.maxThreads to Jetty");
  }

  @Test
  void anOverloadLimitThatLeavesEightThreadsIsAccepted() throws Exception {
    AddrServiceConfiguration config =
        Configs.load(
            "server:\n  maxThreads: 64\noverload:\n  maxConcurrentRequests: 56\n", Map.of());

    assertThat(config.getOverload().getMaxConcurrentRequests()).isEqualTo(56);
  }
}
