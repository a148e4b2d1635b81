package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP contract on the PostgreSQL store, on the throw-away database of {@link TestPostgres},
 * migrated on start and emptied before the first test.
 */
@EnabledIfEnvironmentVariable(
    named = TestPostgres.URL_VARIABLE,
    matches = ".+",
    disabledReason = TestPostgres.HOW_TO_RUN)
@ExtendWith(DropwizardExtensionsSupport.class)
class PostgresStoreApiTest extends AddressBookApiContract {

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/postgres.yml").toString(),
          ConfigOverride.config("store.database.url", () -> TestPostgres.url()));

  /** On the same database: its tests find their own entries by searching for them. */
  private static final DropwizardAppExtension<AddrServiceConfiguration> SMALL_PAGES_APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/postgres.yml").toString(),
          SMALL_PAGES,
          ConfigOverride.config(SMALL_PAGES, "store.database.url", () -> TestPostgres.url()),
          ConfigOverride.config(SMALL_PAGES, "limits.maxPageBytes", SMALL_PAGE_BYTES));

  @Override
  protected DropwizardAppExtension<AddrServiceConfiguration> app() {
    return APP;
  }

  @Override
  protected DropwizardAppExtension<AddrServiceConfiguration> smallPagesApp() {
    return SMALL_PAGES_APP;
  }

  @BeforeAll
  static void emptyTheTable() {
    TestPostgres.truncate();
  }

  @Test
  void eachEntryIsOneRowOfTheConfiguredDatabase() throws SQLException {
    String entry = Fixtures.text("entries/full.json");
    String location = create(entry);
    String id = location.substring("/addresses/".length());

    assertThat(Fixtures.exactJson(storedDocument(id))).isEqualTo(Fixtures.exactJson(entry));

    assertThat(send("DELETE", location, null, null).statusCode()).isEqualTo(204);
    assertThat(storedDocument(id)).isNull();
  }

  /** The document stored for {@code id}, read on a connection of its own. */
  private static String storedDocument(String id) throws SQLException {
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
