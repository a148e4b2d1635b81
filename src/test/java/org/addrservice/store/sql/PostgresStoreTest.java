package org.addrservice.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.addrservice.core.EntryFixtures;
import org.addrservice.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The PostgreSQL store on the throw-away database of {@link TestPostgres}; its table is emptied
 * before each test.
 */
@EnabledIfEnvironmentVariable(
    named = TestPostgres.URL_VARIABLE,
    matches = ".+",
    disabledReason = TestPostgres.HOW_TO_RUN)
class PostgresStoreTest extends SqlStoreContract {

  @Override
  protected SqlStoreFactory newFactory() {
    return postgres(TestPostgres.url());
  }

  @Override
  protected void empty() {
    TestPostgres.truncate();
  }

  /** A PostgreSQL store on {@code url} with a pool small enough to share the server. */
  static PostgresStoreFactory postgres(String url) {
    DataSourceFactory database = new DataSourceFactory();
    database.setDriverClass("org.postgresql.Driver");
    database.setUrl(url);
    database.setInitialSize(1);
    database.setMinSize(1);
    database.setMaxSize(8);
    PostgresStoreFactory postgres = new PostgresStoreFactory();
    postgres.setDatabase(database);
    return postgres;
  }

  @Test
  void everyWriteIsCommittedBeforeItReturns() throws SQLException {
    store.create("seen", EntryFixtures.entry("minimal"));
    assertThat(documentSeenOutsideThePool("seen")).contains("\"full_name\"");

    store.replace("seen", entryNamed("Replaced"));
    assertThat(documentSeenOutsideThePool("seen")).contains("Replaced");

    store.delete("seen");
    assertThat(documentSeenOutsideThePool("seen")).isNull();
  }

  /** The stored document of {@code id} as a connection of its own sees it, or null. */
  private static String documentSeenOutsideThePool(String id) throws SQLException {
    try (Connection connection = DriverManager.getConnection(TestPostgres.url());
        PreparedStatement select =
            connection.prepareStatement("SELECT document FROM address_entries WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }
}
