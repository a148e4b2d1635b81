package org.addrservice.testing;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;

/**
 * Runs the application's command line in this JVM through Dropwizard's real {@link Cli}, as {@code
 * java -jar addrservice.jar ARGS} would, and keeps what it printed. Commands print to {@code
 * System.out} and {@code System.err} as well as to the {@code Cli}'s streams, so both are captured
 * while the command runs (tests of this kind must not run in parallel).
 */
public final class CommandLine {

  /** What one run left behind: its failure, if any, and what it printed to each stream. */
  public record Outcome(Optional<Throwable> failure, String out, String err) {

    public boolean succeeded() {
      return failure.isEmpty();
    }
  }

  private CommandLine() {}

  /** Runs {@code arguments} with the commands {@code initialize} registers. */
  public static Outcome run(String... arguments) {
    return run((application, bootstrap) -> {}, arguments);
  }

  /**
   * Runs {@code arguments} after {@code moreSetUp} has had the bootstrap, for example {@code
   * AddrServiceApplication::addDefaultCommands} from a test in its package.
   */
  public static Outcome run(
      BiConsumer<AddrServiceApplication, Bootstrap<AddrServiceConfiguration>> moreSetUp,
      String... arguments) {
    AddrServiceApplication application = new AddrServiceApplication();
    Bootstrap<AddrServiceConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    moreSetUp.accept(application, bootstrap);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    Optional<Throwable> failure;
    try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(capturedOut);
      System.setErr(capturedErr);
      Cli cli =
          new Cli(
              new JarLocation(AddrServiceApplication.class), bootstrap, capturedOut, capturedErr);
      failure = cli.run(arguments);
    } catch (Exception e) {
      failure = Optional.of(e);
    } finally {
      System.setOut(systemOut);
      System.setErr(systemErr);
    }
    return new Outcome(
        failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
