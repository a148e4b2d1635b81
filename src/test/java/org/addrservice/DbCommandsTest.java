package org.addrservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.addrservice.testing.ChangeLog;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code db} commands (Dropwizard's migrations bundle, on the Liquibase change log the stores
 * migrate with), run through Dropwizard's real command line on whichever SQL store is configured.
 */
class DbCommandsTest {

  private final ByteArrayOutputStream stdOut = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stdErr = new ByteArrayOutputStream();

  @TempDir Path temp;

  @Test
  void dbMigrateCreatesTheTableInAFreshSqliteFileAndStatusThenHasNothingToApply() throws Exception {
    Path file = temp.resolve("addressbook.db");
    Path config = config("sqlite.yml", "./target/sqlite-store/addressbook.db", file.toString());
    String url = "jdbc:sqlite:" + file;

    assertThat(run("db", "migrate", config.toString())).as(errors()).isEmpty();

    assertThat(file).isRegularFile();
    assertThat(count(url, "SELECT count(*) FROM address_entries")).isZero();
    assertThat(count(url, "SELECT count(*) FROM databasechangelog"))
        .isEqualTo(ChangeLog.changeSetsFor("sqlite"));

    assertThat(run("db", "status", config.toString())).as(errors()).isEmpty();
    assertThat(output()).contains("is up to date");
  }

  @Test
  void dbMigrateCreatesTheDirectoryOfTheSqliteFile() throws Exception {
    Path file = temp.resolve("not").resolve("there").resolve("addressbook.db");
    Path config = config("sqlite.yml", "./target/sqlite-store/addressbook.db", file.toString());

    assertThat(run("db", "migrate", config.toString())).as(errors()).isEmpty();

    assertThat(count("jdbc:sqlite:" + file, "SELECT count(*) FROM databasechangelog"))
        .isEqualTo(ChangeLog.changeSetsFor("sqlite"));
  }

  @Test
  void dbMigrateTwiceAppliesTheChangeLogOnce() throws Exception {
    Path file = temp.resolve("addressbook.db");
    Path config = config("sqlite.yml", "./target/sqlite-store/addressbook.db", file.toString());

    assertThat(run("db", "migrate", config.toString())).as(errors()).isEmpty();
    assertThat(run("db", "migrate", config.toString())).as(errors()).isEmpty();

    assertThat(count("jdbc:sqlite:" + file, "SELECT count(*) FROM databasechangelog"))
        .isEqualTo(ChangeLog.changeSetsFor("sqlite"));
  }

  @Test
  @EnabledIfEnvironmentVariable(
      named = TestPostgres.URL_VARIABLE,
      matches = ".+",
      disabledReason = TestPostgres.HOW_TO_RUN)
  void dbMigrateCreatesTheTableInPostgresAndStatusThenHasNothingToApply() throws Exception {
    String url = TestPostgres.url();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "DROP TABLE IF EXISTS address_entries, idempotency_keys, databasechangelog,"
              + " databasechangeloglock");
    }
    Path config = config("postgres.yml", "jdbc:postgresql://127.0.0.1:5432/addrservice_test", url);

    assertThat(run("db", "status", config.toString())).as(errors()).isEmpty();
    assertThat(output())
        .contains(ChangeLog.changeSetsFor("postgres") + " changeset")
        .doesNotContain("is up to date");
    stdOut.reset();

    assertThat(run("db", "migrate", config.toString())).as(errors()).isEmpty();

    assertThat(count(url, "SELECT count(*) FROM address_entries")).isZero();
    assertThat(count(url, "SELECT count(*) FROM databasechangelog"))
        .isEqualTo(ChangeLog.changeSetsFor("postgres"));
    assertThat(run("db", "status", config.toString())).as(errors()).isEmpty();
    assertThat(output()).contains("is up to date");
  }

  @ParameterizedTest
  @ValueSource(strings = {"migrate", "status"})
  void theDbCommandsOnAnFsStoreFailWithAReadableMessage(String command) {
    Optional<Throwable> failure = run("db", command, Fixtures.path("config/fs.yml").toString());

    assertThat(failure).isPresent();
    assertThat(errors())
        .contains("the db commands need a SQL store (store.type: sqlite or postgres), not fs")
        .doesNotContain("\tat ");
  }

  /** A copy of the config fixture {@code name} with {@code from} replaced by {@code to}. */
  private Path config(String name, String from, String to) throws IOException {
    String text = Fixtures.text("config/" + name);
    assertThat(text).contains(from);
    return Files.writeString(temp.resolve(name), text.replace(from, to));
  }

  private static long count(String url, String query) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(query)) {
      assertThat(row.next()).isTrue();
      return row.getLong(1);
    }
  }

  /**
   * Runs the command line. {@code db status} reports on the System.out of the moment its command
   * was built, so it is built while System.out is captured.
   */
  private Optional<Throwable> run(String... arguments) {
    PrintStream realOut = System.out;
    System.setOut(new PrintStream(stdOut, true, StandardCharsets.UTF_8));
    try {
      AddrServiceApplication application = new AddrServiceApplication();
      Bootstrap<AddrServiceConfiguration> bootstrap = new Bootstrap<>(application);
      application.initialize(bootstrap);
      application.addDefaultCommands(bootstrap);
      Cli cli = new Cli(new JarLocation(AddrServiceApplication.class), bootstrap, stdOut, stdErr);
      return cli.run(arguments);
    } catch (Exception e) {
      return Optional.of(e);
    } finally {
      System.setOut(realOut);
    }
  }

  private String output() {
    return stdOut.toString(StandardCharsets.UTF_8);
  }

  private String errors() {
    return stdErr.toString(StandardCharsets.UTF_8);
  }
}
