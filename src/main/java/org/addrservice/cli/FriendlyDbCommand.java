package org.addrservice.cli;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.db.DatabaseConfiguration;
import io.dropwizard.migrations.DbCommand;
import net.sourceforge.argparse4j.inf.Namespace;
import org.addrservice.core.port.StoreException;
import org.addrservice.util.Causes;

/**
 * Dropwizard's {@code db} command (migrate, status, ...) on the change log {@code migrations.xml},
 * except that a configuration without a database, or a store that cannot be prepared, is reported
 * in one readable line instead of a wall of stack trace.
 */
public final class FriendlyDbCommand<T extends Configuration> extends DbCommand<T> {

  public FriendlyDbCommand(DatabaseConfiguration<T> database, Class<T> configurationClass) {
    super("db", database, configurationClass, "migrations.xml");
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    Causes.find(
            e, cause -> cause instanceof StoreException || cause instanceof IllegalStateException)
        .ifPresentOrElse(
            cause -> cli.getStdErr().println("addrservice db failed: " + cause.getMessage()),
            () -> super.onError(cli, namespace, e));
  }
}
