package org.addrservice.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The throw-away PostgreSQL database the tests may use. {@code .ci/run} creates one and passes its
 * JDBC URL (user included) in {@value #URL_VARIABLE}; without it, PostgreSQL test classes are
 * skipped, annotated with:
 *
 * <pre>
 * &#64;EnabledIfEnvironmentVariable(named = TestPostgres.URL_VARIABLE, matches = ".+",
 *     disabledReason = TestPostgres.HOW_TO_RUN)
 * </pre>
 *
 * With it, a PostgreSQL test that cannot connect fails: it never skips silently.
 */
public final class TestPostgres {

  public static final String URL_VARIABLE = "ADDRSERVICE_TEST_POSTGRES_URL";

  public static final String HOW_TO_RUN =
      "PostgreSQL tests need "
          + URL_VARIABLE
          + ", the JDBC URL of a throw-away database, e.g. "
          + "jdbc:postgresql://127.0.0.1:5432/addrservice_test?user=postgres"
          + " (createdb -h 127.0.0.1 -U postgres addrservice_test); .ci/run sets it";

  private TestPostgres() {}

  public static Optional<String> configuredUrl() {
    return Optional.ofNullable(System.getenv(URL_VARIABLE)).filter(url -> !url.isBlank());
  }

  /** The URL; fails the test when it is not set. */
  public static String url() {
    return configuredUrl().orElseThrow(() -> new AssertionError(HOW_TO_RUN));
  }

  /** Empties the address book's tables, when they exist, so each test starts from nothing. */
  public static void truncate() {
    try (Connection connection = DriverManager.getConnection(url());
        Statement statement = connection.createStatement()) {
      statement.execute(
          "DO $$ BEGIN IF to_regclass('address_entries') IS NOT NULL THEN"
              + " TRUNCATE address_entries; END IF;"
              + " IF to_regclass('idempotency_keys') IS NOT NULL THEN"
              + " TRUNCATE idempotency_keys; END IF; END $$");
    } catch (SQLException e) {
      throw new AssertionError("cannot reach the test database " + url(), e);
    }
  }
}
