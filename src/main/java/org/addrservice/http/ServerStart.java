package org.addrservice.http;

import io.dropwizard.core.setup.Environment;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * A hook on the Jetty server Dropwizard builds: handlers that must wrap both ports, and settings
 * Dropwizard's factories do not expose, can only be applied to the built server.
 */
public final class ServerStart {

  private ServerStart() {}

  /**
   * Runs {@code change} on the server just before it starts. Changes run in the order they were
   * added, so of two handlers inserted here the later one is the outer one.
   */
  public static void beforeItStarts(Environment environment, Consumer<Server> change) {
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                  change.accept(server);
                }
              }
            });
  }
}
