package org.addrservice.cli;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.io.FileNotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.util.Causes;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/**
 * What the commands that work on the configured store share: the arguments {@code CONFIG FILE},
 * opening the store exactly as the server does and closing it again, and failures reported in one
 * readable line rather than a stack trace.
 */
abstract class StoreCommand extends ConfiguredCommand<AddrServiceConfiguration> {

  /** Where argparse keeps the data file; {@code file} is already the configuration file. */
  static final String DATA_FILE = "data-file";

  /** At most this many problem lines are printed; a file of garbage should not flood a terminal. */
  static final int MAX_DETAILS = 100;

  private final String dataFileHelp;

  StoreCommand(String name, String description, String dataFileHelp) {
    super(name, description);
    this.dataFileHelp = dataFileHelp;
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument(DATA_FILE).dest(DATA_FILE).metavar("FILE").help(dataFileHelp);
  }

  /**
   * Unlike {@code server}, these commands insist on a configuration file: without one they would
   * silently work on the default store.
   */
  @Override
  protected Argument addFileArgument(Subparser subparser) {
    return subparser.addArgument("file").metavar("CONFIG").help("application configuration file");
  }

  /**
   * Builds the configured store the way the server does, runs {@code work} on it, and stops what
   * the store handed to the lifecycle (a connection pool, say), whatever happens: the server does
   * the same by attaching the lifecycle to Jetty.
   */
  static <R> R withStore(
      Bootstrap<AddrServiceConfiguration> bootstrap,
      AddrServiceConfiguration config,
      Function<AddressBookStore, R> work)
      throws Exception {
    Environment environment =
        new Environment(
            bootstrap.getApplication().getName(),
            bootstrap.getObjectMapper(),
            bootstrap.getValidatorFactory(),
            bootstrap.getMetricRegistry(),
            bootstrap.getClassLoader(),
            bootstrap.getHealthCheckRegistry(),
            config);
    ContainerLifeCycle managed = new ContainerLifeCycle();
    try {
      AddressBookStore store = config.getStore().build(environment);
      environment.lifecycle().attach(managed);
      managed.start();
      return work.apply(store);
    } finally {
      managed.stop();
    }
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    Optional<Throwable> known =
        Causes.find(
            e,
            cause ->
                cause instanceof CommandFailure
                    || cause instanceof StoreException
                    || cause instanceof ConfigurationException
                    || cause instanceof FileNotFoundException);
    if (known.isEmpty()) {
      super.onError(cli, namespace, e);
      return;
    }
    if (known.get() instanceof CommandFailure failure) {
      printDetails(cli, failure.details());
    }
    printFailure(cli, known.get().getMessage());
  }

  private void printFailure(Cli cli, String message) {
    cli.getStdErr().println("addrservice " + getName() + " failed: " + message);
  }

  private static void printDetails(Cli cli, List<String> details) {
    details.stream().limit(MAX_DETAILS).forEach(cli.getStdErr()::println);
    if (details.size() > MAX_DETAILS) {
      cli.getStdErr().println("... and " + (details.size() - MAX_DETAILS) + " more");
    }
  }
}
