package org.addrservice.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.dropwizard.core.setup.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.addrservice.core.EntryFixtures;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store, in a file of a fresh temporary directory per test. */
class SqliteStoreTest extends SqlStoreContract {

  @TempDir Path tempDir;

  private Path file;

  @Override
  protected SqlStoreFactory newFactory() {
    file = tempDir.resolve("data").resolve("addressbook.db");
    SqliteStoreFactory sqlite = new SqliteStoreFactory();
    sqlite.setFile(file.toString());
    return sqlite;
  }

  @Test
  void everyPooledConnectionRunsInWalModeWithFullSync() throws SQLException {
    // Hold several connections at once, so the pool must open more than its first one.
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        held.add(pool.getConnection());
      }
      for (Connection connection : held) {
        assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(connection, "synchronous")).as("FULL").isEqualTo("2");
        assertThat(pragma(connection, "busy_timeout")).isEqualTo("10000");
      }
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }

  @Test
  void theDatabaseFileAndItsParentDirectoryAreCreated() {
    assertThat(file.getParent()).isDirectory();
    assertThat(file).isRegularFile();

    store.create("a", EntryFixtures.entry("minimal"));

    assertThat(file.resolveSibling(file.getFileName() + "-wal")).exists();
  }

  @Test
  void entriesSurviveReopeningTheFile() throws Exception {
    store.create("kept", EntryFixtures.entry("extreme-numbers"));
    store.create("dropped", EntryFixtures.entry("minimal"));
    store.delete("dropped");
    stopThePool();

    SqliteStoreFactory again = new SqliteStoreFactory();
    again.setFile(file.toString());
    AddressBookStore reopened = start(again, new Environment("test"));

    assertThat(reopened.list())
        .containsExactly(Map.entry("kept", EntryFixtures.entry("extreme-numbers")));
  }

  @Test
  void aDatabaseFileUnderARegularFileCannotBeOpened() throws IOException {
    Path notADirectory = Files.writeString(tempDir.resolve("not-a-directory"), "x");
    SqliteStoreFactory sqlite = new SqliteStoreFactory();
    sqlite.setFile(notADirectory.resolve("addressbook.db").toString());

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> sqlite.build(new Environment("test")))
        .withMessageContaining(notADirectory.toString());
  }

  @Test
  void aFileThatIsNotADatabaseFailsTheMigrationWithStoreException() throws IOException {
    Path garbage = Files.writeString(tempDir.resolve("garbage.db"), "not a database ".repeat(100));
    SqliteStoreFactory sqlite = new SqliteStoreFactory();
    sqlite.setFile(garbage.toString());

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> sqlite.build(new Environment("test")))
        .withMessageContaining("cannot migrate the sqlite database");
  }

  @Test
  void theDefaultsAreAFileUnderDataMigratedOnStart() {
    SqliteStoreFactory defaults = new SqliteStoreFactory();

    assertThat(defaults.type()).isEqualTo("sqlite");
    assertThat(defaults.getFile()).isEqualTo("./data/addressbook.db");
    assertThat(defaults.isMigrateOnStart()).isTrue();
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      assertThat(row.next()).isTrue();
      return row.getString(1);
    }
  }
}
