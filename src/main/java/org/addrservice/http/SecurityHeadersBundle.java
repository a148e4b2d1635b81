package org.addrservice.http;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;

/** Security headers on every answer of both ports, set by a handler around each of them. */
public final class SecurityHeadersBundle implements ConfiguredBundle<Configuration> {

  @Override
  public void run(Configuration configuration, Environment environment) {
    ServerStart.beforeItStarts(
        environment, server -> server.insertHandler(new SecurityHeadersHandler()));
  }
}
