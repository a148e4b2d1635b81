package org.addrservice.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.migrations.CloseableLiquibase;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import io.dropwizard.util.DataSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.Contexts;
import liquibase.LabelExpression;
import org.addrservice.core.EntryFixtures;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.store.StoredDocuments;
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
  void aFailedStatementIsReportedWithTheStatementButNoValueOfTheEntry() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TRIGGER refuse_entries BEFORE INSERT ON address_entries"
              + " BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END");
    }
    AddressEntry entry = EntryFixtures.entry("full");

    StoreException failure =
        catchThrowableOfType(StoreException.class, () -> store.create("a", entry));

    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString())
        .contains("refused by a trigger")
        .contains("INSERT INTO address_entries")
        .doesNotContain(entry.fullName());
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
  void entriesStoredBeforeNameSearchExistedAreFoldedByTheMigration() throws Exception {
    Path older = tempDir.resolve("older.db");
    SqliteStoreFactory sqlite = migratedThrough(older, 1);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + older);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO address_entries (id, full_name, document) VALUES (?, ?, ?)")) {
      for (String name : List.of("Anna Straße", "Jörg STRASSE", "Bill Gates")) {
        insert.setString(1, "id-" + name.length() + name.charAt(0));
        insert.setString(2, name);
        insert.setString(3, StoredDocuments.toText(entryNamed(name)));
        insert.addBatch();
      }
      insert.executeBatch();
    }

    AddressBookStore migrated = start(sqlite, new Environment("test"));

    assertThat(
            migrated
                .page(new PageRequest(Optional.empty(), 10, Long.MAX_VALUE, Optional.of("STRASSE")))
                .entries()
                .values())
        .extracting(AddressEntry::fullName)
        .containsExactlyInAnyOrder("Anna Straße", "Jörg STRASSE");
  }

  @Test
  void entriesStoredBeforeTheTableWasClusteredByIdKeepTheirDocumentsAndVersions() throws Exception {
    Path older = tempDir.resolve("unclustered.db");
    SqliteStoreFactory sqlite = migratedThrough(older, 3);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + older);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO address_entries (id, full_name, full_name_folded, document, version)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < 50; i++) {
        insert.setString(1, String.format("e%02d", 49 - i));
        insert.setString(2, "Name " + i);
        insert.setString(3, "name " + i);
        insert.setString(4, StoredDocuments.toText(entryNamed("Name " + i)));
        insert.setLong(5, i + 1L);
        insert.addBatch();
      }
      insert.executeBatch();
    }

    AddressBookStore migrated = start(sqlite, new Environment("test"));

    assertThat(tableDefinition(older)).contains("WITHOUT ROWID");
    assertThat(migrated.findVersioned("e49").orElseThrow())
        .isEqualTo(new VersionedEntry(entryNamed("Name 0"), 1));
    assertThat(migrated.findVersioned("e00").orElseThrow())
        .isEqualTo(new VersionedEntry(entryNamed("Name 49"), 50));
    assertThat(
            migrated
                .page(new PageRequest(Optional.empty(), 100, Long.MAX_VALUE, Optional.of("NAME 1")))
                .entries())
        .hasSize(11);
    assertThat(migrated.list()).hasSize(50);
  }

  /** A store on {@code file}, migrated through only the first {@code changeSets} change sets. */
  private static SqliteStoreFactory migratedThrough(Path file, int changeSets) throws Exception {
    SqliteStoreFactory sqlite = new SqliteStoreFactory();
    sqlite.setFile(file.toString());
    try (CloseableLiquibase liquibase =
        new CloseableLiquibaseWithClassPathMigrationsFile(
            sqlite.dataSource().build(new MetricRegistry(), "older"), Migrations.CHANGE_LOG)) {
      liquibase.update(changeSets, new Contexts(), new LabelExpression());
    }
    return sqlite;
  }

  private static String tableDefinition(Path database) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'address_entries'")) {
      assertThat(row.next()).isTrue();
      return row.getString(1);
    }
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
  void theDefaultsAreAFileUnderDataMigratedOnStartOnADiskKeeping16MibFree() {
    SqliteStoreFactory defaults = new SqliteStoreFactory();

    assertThat(defaults.type()).isEqualTo("sqlite");
    assertThat(defaults.getFile()).isEqualTo("./data/addressbook.db");
    assertThat(defaults.isMigrateOnStart()).isTrue();
    assertThat(defaults.getMinFreeSpace()).isEqualTo(DataSize.mebibytes(16));
    assertThat(defaults.freeSpace()).isPresent();
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      assertThat(row.next()).isTrue();
      return row.getString(1);
    }
  }
}
