package org.addrservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import org.addrservice.auth.ApiKeyCheck;
import org.addrservice.edge.BodyGate;
import org.addrservice.http.SecurityHeadersHandler;
import org.addrservice.logging.RequestIdHandler;
import org.addrservice.testing.Fixtures;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handlers the application puts around both ports and in front of the API, and their order. */
@ExtendWith(DropwizardExtensionsSupport.class)
class HandlerOrderTest {

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class, Fixtures.path("config/auth-cors.yml").toString());

  @Test
  void bothPortsAreWrappedInTheSecurityHeadersThenTheRequestId() {
    assertThat(chain(server().getHandler()))
        .startsWith(SecurityHeadersHandler.class, RequestIdHandler.class);
  }

  @Test
  void theApiIsGuardedByCorsThenKeysThenTheBodyGateThenTheOverloadLimit() {
    assertThat(chain(APP.getEnvironment().getApplicationContext().getHandler()))
        .startsWith(
            CrossOriginHandler.class,
            ApiKeyCheck.class,
            BodyGate.class,
            QoSHandler.class,
            RequestIdHandler.class);
  }

  @Test
  void headerValuesAreMatchedCaseSensitivelyAndIdleThreadsMayAllGoAtOnce() {
    assertThat(server().getContainedBeans(HttpConfiguration.ConnectionFactory.class))
        .isNotEmpty()
        .allSatisfy(
            http -> assertThat(http.getHttpConfiguration().isHeaderCacheCaseSensitive()).isTrue());
    QueuedThreadPool pool = (QueuedThreadPool) server().getThreadPool();
    assertThat(pool.getMaxEvictCount()).isEqualTo(pool.getMaxThreads() - pool.getMinThreads());
  }

  private static Server server() {
    return APP.getEnvironment().getApplicationContext().getServer();
  }

  private static List<Class<?>> chain(Handler handler) {
    List<Class<?>> chain = new ArrayList<>();
    for (Handler next = handler; next != null; ) {
      chain.add(next.getClass());
      next = next instanceof Handler.Wrapper wrapper ? wrapper.getHandler() : null;
    }
    return chain;
  }
}
