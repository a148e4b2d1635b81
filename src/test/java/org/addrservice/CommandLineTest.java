package org.addrservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code check} and {@code server} commands, run through Dropwizard's real command line. */
class CommandLineTest {

  private final ByteArrayOutputStream stdOut = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stdErr = new ByteArrayOutputStream();

  static Stream<Path> shippedConfigs() throws IOException {
    // Service configurations are at the top of ops/; its sub-directories hold other tools' files.
    try (Stream<Path> ops = Files.list(Path.of("ops"))) {
      List<Path> opsConfigs =
          ops.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
      return Stream.concat(Stream.of(Path.of("config.yml")), opsConfigs.stream());
    }
  }

  @ParameterizedTest
  @MethodSource("shippedConfigs")
  void checkAcceptsEveryShippedConfig(Path config) {
    Optional<Throwable> failure = run("check", config.toString());
    assertThat(failure).as(errors()).isEmpty();
  }

  static Stream<Path> brokenConfigs() throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.path("config/broken"))) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("brokenConfigs")
  void checkRefusesABrokenConfigWithAReadableMessage(Path config) {
    Optional<Throwable> failure = run("check", config.toString());
    assertThat(failure).isPresent();
    assertThat(errors()).contains(config + " has an error:").doesNotContain("\tat ");
  }

  @Test
  void serverReportsAStoreDirectoryThatIsAFileInOneLine(@TempDir Path temp) throws IOException {
    Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
    Path config =
        Files.writeString(
            temp.resolve("config.yml"),
            Fixtures.text("config/fs.yml").replace("./target/fs-store", file.toString()));

    Optional<Throwable> failure = run("server", config.toString());

    assertThat(failure).isPresent();
    assertThat(errors())
        .contains("addrservice cannot start: the store directory " + file + " is a file")
        .doesNotContain("\tat ");
  }

  @Test
  void serverPrintsTheTraceOfAnUnexpectedFailure(@TempDir Path temp) throws IOException {
    Path config = temp.resolve("missing.yml");
    Optional<Throwable> failure = run("server", config.toString());
    assertThat(failure).isPresent();
    assertThat(errors()).contains("missing.yml");
  }

  private Optional<Throwable> run(String... arguments) {
    AddrServiceApplication application = new AddrServiceApplication();
    Bootstrap<AddrServiceConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    application.addDefaultCommands(bootstrap);
    Cli cli = new Cli(new JarLocation(AddrServiceApplication.class), bootstrap, stdOut, stdErr);
    try {
      return cli.run(arguments);
    } catch (Exception e) {
      return Optional.of(e);
    }
  }

  private String errors() {
    return stdErr.toString(StandardCharsets.UTF_8);
  }
}
