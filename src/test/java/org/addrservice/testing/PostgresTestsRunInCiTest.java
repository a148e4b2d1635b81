package org.addrservice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Keeps the PostgreSQL tests from skipping silently where it matters: they are skipped when {@value
 * TestPostgres#URL_VARIABLE} is unset, so in CI (environment variable {@code CI=true}) it must be
 * set, and wherever it is set the database it names must answer.
 */
class PostgresTestsRunInCiTest {

  @Test
  @EnabledIfEnvironmentVariable(
      named = "CI",
      matches = "(?i)true",
      disabledReason = "outside CI, PostgreSQL tests may be skipped")
  void ciAlwaysNamesATestDatabase() {
    assertThat(TestPostgres.configuredUrl())
        .as("CI=true but %s is not set: %s", TestPostgres.URL_VARIABLE, TestPostgres.HOW_TO_RUN)
        .isPresent();
  }

  @Test
  @EnabledIfEnvironmentVariable(
      named = TestPostgres.URL_VARIABLE,
      matches = ".+",
      disabledReason = TestPostgres.HOW_TO_RUN)
  void theNamedTestDatabaseAnswers() throws SQLException {
    try (Connection connection = DriverManager.getConnection(TestPostgres.url())) {
      assertThat(connection.isValid(10)).as(TestPostgres.url()).isTrue();
    }
  }
}
