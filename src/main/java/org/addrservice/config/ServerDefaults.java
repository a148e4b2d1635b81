package org.addrservice.config;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.Duration;
import java.util.List;

/**
 * The {@code server:} section used when the configuration has none: both connectors on 127.0.0.1
 * only, a thread pool sized for the overload limit, and a stop that fits an orchestrator's grace.
 */
public final class ServerDefaults {

  /**
   * Threads of the API port's pool. Every request the overload limit lets in may block on its
   * store, and Jetty needs threads of its own beside them; more threads than that only cost memory
   * on a machine of a few cores (Dropwizard's 1024 grew to a thousand under connection churn).
   */
  static final int DEFAULT_MAX_THREADS = 128;

  static final int DEFAULT_MIN_THREADS = 8;

  private ServerDefaults() {}

  public static DefaultServerFactory build() {
    DefaultServerFactory server = new DefaultServerFactory();
    server.setApplicationConnectors(List.of(localConnector(8080)));
    server.setAdminConnectors(List.of(localConnector(8081)));
    server.setMaxThreads(DEFAULT_MAX_THREADS);
    server.setMinThreads(DEFAULT_MIN_THREADS);
    server.setIdleThreadTimeout(Duration.seconds(10));
    // Wait period plus grace period stay under the 30 s an orchestrator usually allows a stop.
    server.setShutdownGracePeriod(Duration.seconds(20));
    return server;
  }

  private static HttpConnectorFactory localConnector(int port) {
    HttpConnectorFactory connector = new HttpConnectorFactory();
    connector.setBindHost("127.0.0.1");
    connector.setPort(port);
    // Dropwizard's default too, set here so that no upgrade can start announcing Jetty's version.
    connector.setUseServerHeader(false);
    return connector;
  }
}
