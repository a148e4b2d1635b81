package org.addrservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.junit.jupiter.api.Test;

/** Without an {@code overload:} section the API still has a bounded queue. */
class OverloadDefaultsTest {

  @Test
  void byDefaultRequestsBeyondTheBoundAnswer503WithinASecond() {
    QoSHandler handler = new AddrServiceConfiguration().getOverload().build();

    assertThat(handler.getMaxRequestCount()).isEqualTo(64);
    assertThat(handler.getMaxSuspendedRequestCount()).isEqualTo(256);
    assertThat(handler.getMaxSuspend()).isEqualTo(Duration.ofSeconds(1));
    assertThat(handler.getRejectStatusCode()).isEqualTo(503);
  }
}
