package org.addrservice.logging;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import org.addrservice.http.ServerStart;

/**
 * One canonical log line per request, in place of Dropwizard's access log, and a request id on
 * every request of both ports, set by a handler around each of them.
 */
public final class CanonicalRequestLogBundle implements ConfiguredBundle<Configuration> {

  @Override
  public void run(Configuration configuration, Environment environment) {
    if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRequestLogFactory(new CanonicalRequestLogFactory());
    }
    ServerStart.beforeItStarts(environment, server -> server.insertHandler(new RequestIdHandler()));
  }
}
