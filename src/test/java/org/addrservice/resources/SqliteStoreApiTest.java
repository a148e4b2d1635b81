package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP contract on the SQLite store, in a file of a fresh temporary directory. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SqliteStoreApiTest extends AddressBookApiContract {

  /** In a directory the store must create itself. */
  private static final Path FILE = newDirectory().resolve("data").resolve("addressbook.db");

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/sqlite.yml").toString(),
          ConfigOverride.config("store.file", FILE.toString()));

  private static final DropwizardAppExtension<AddrServiceConfiguration> SMALL_PAGES_APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/sqlite.yml").toString(),
          SMALL_PAGES,
          ConfigOverride.config(
              SMALL_PAGES, "store.file", newDirectory().resolve("addressbook.db").toString()),
          ConfigOverride.config(SMALL_PAGES, "limits.maxPageBytes", SMALL_PAGE_BYTES));

  @Override
  protected DropwizardAppExtension<AddrServiceConfiguration> app() {
    return APP;
  }

  @Override
  protected DropwizardAppExtension<AddrServiceConfiguration> smallPagesApp() {
    return SMALL_PAGES_APP;
  }

  @Test
  void eachEntryIsOneRowOfTheConfiguredFile() throws SQLException {
    String entry = Fixtures.text("entries/full.json");
    String location = create(entry);
    String id = location.substring("/addresses/".length());

    assertThat(Fixtures.exactJson(storedDocument(id))).isEqualTo(Fixtures.exactJson(entry));

    assertThat(send("DELETE", location, null, null).statusCode()).isEqualTo(204);
    assertThat(storedDocument(id)).isNull();
  }

  /** The document stored for {@code id}, read from the file on a connection of its own. */
  private static String storedDocument(String id) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + FILE);
        PreparedStatement select =
            connection.prepareStatement("SELECT document FROM address_entries WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("addrservice-sqlite-api");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
