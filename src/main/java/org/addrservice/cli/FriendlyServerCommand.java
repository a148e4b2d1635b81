package org.addrservice.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;
import org.addrservice.core.port.StoreException;
import org.addrservice.util.Causes;

/**
 * Dropwizard's {@code server} command, except that a store that cannot be opened (a directory that
 * is not writable, say) is reported in one readable line instead of a wall of stack trace.
 */
public final class FriendlyServerCommand<T extends Configuration> extends ServerCommand<T> {

  public FriendlyServerCommand(Application<T> application) {
    super(application);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    Causes.find(e, StoreException.class::isInstance)
        .ifPresentOrElse(
            cause -> cli.getStdErr().println("addrservice cannot start: " + cause.getMessage()),
            () -> super.onError(cli, namespace, e));
  }
}
