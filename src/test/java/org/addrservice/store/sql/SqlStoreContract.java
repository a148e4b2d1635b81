package org.addrservice.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.JettyManaged;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.addrservice.core.EntryFixtures;
import org.addrservice.core.model.NameFolding;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.health.StoreHealthCheck;
import org.addrservice.store.AddressBookStoreContract;
import org.addrservice.testing.ChangeLog;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store contract plus what both SQL backends promise: a version per row, idempotent migrations,
 * corrupt rows reported as {@link StoreException}. The store is built the way the application
 * builds it (factory, Dropwizard environment, migrate on start) and its pool is stopped after each
 * test, so no connection outlives the test.
 */
abstract class SqlStoreContract extends AddressBookStoreContract {

  private final List<LifeCycle> started = new ArrayList<>();

  /** The factory of the store under test. */
  protected SqlStoreFactory factory;

  /** The pool the store under test runs on. */
  protected ManagedDataSource pool;

  /** The environment the store under test was built in. */
  protected Environment environment;

  /** The configured factory of a fresh, empty store; called once per test. */
  protected abstract SqlStoreFactory newFactory() throws Exception;

  /** Empties the store once it is built (its table may be shared with earlier tests). */
  protected void empty() {}

  @Override
  protected final AddressBookStore newStore() throws Exception {
    factory = newFactory();
    factory.setMigrateOnStart(true);
    environment = new Environment("test");
    AddressBookStore built = start(factory, environment);
    pool =
        environment.lifecycle().getManagedObjects().stream()
            .filter(JettyManaged.class::isInstance)
            .map(managed -> ((JettyManaged) managed).getManaged())
            .filter(ManagedDataSource.class::isInstance)
            .map(ManagedDataSource.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("the store's pool is not managed"));
    empty();
    return built;
  }

  /**
   * Builds a store as the application does and starts what its lifecycle would start (the pool,
   * with its metrics); {@link #stopThePool} stops it.
   */
  protected AddressBookStore start(SqlStoreFactory storeFactory, Environment environment)
      throws Exception {
    AddressBookStore built = storeFactory.build(environment);
    for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
      managed.start();
      started.add(managed);
    }
    return built;
  }

  @AfterEach
  void stopThePool() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).stop();
    }
    started.clear();
  }

  @Test
  void aCreatedRowHasVersionOneAndEveryReplaceIncrementsIt() throws SQLException {
    store.create("v", EntryFixtures.entry("minimal"));
    assertThat(version("v")).isEqualTo(1);

    store.replace("v", EntryFixtures.entry("full"));
    assertThat(version("v")).isEqualTo(2);
    store.replace("v", EntryFixtures.entry("full"));
    assertThat(version("v")).isEqualTo(3);

    assertThat(store.replace("unknown", EntryFixtures.entry("full"))).isFalse();
    assertThat(version("v")).isEqualTo(3);
  }

  @Test
  void theRowKeepsTheFullNameAndTheDocumentAsSent() throws SQLException {
    store.create("row", EntryFixtures.entry("number-or-string-fields"));

    try (Connection connection = pool.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT full_name, document FROM address_entries WHERE id = ?")) {
      select.setString(1, "row");
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString("full_name"))
            .isEqualTo(EntryFixtures.entry("number-or-string-fields").fullName());
        assertThat(row.getString("document"))
            .contains("\"pincode\":110011", "\"pincode\":\"110011\"");
      }
    }
  }

  @Test
  void theRowKeepsTheFullNameFoldedForSearchThroughEveryReplace() throws SQLException {
    store.create("folded", entryNamed("ÉMILE Straße"));
    assertThat(foldedName("folded"))
        .isEqualTo(NameFolding.fold("ÉMILE Straße"))
        .isEqualTo("émile strasse");

    store.replace("folded", entryNamed("ＡＢＣ Trading"));
    assertThat(foldedName("folded")).isEqualTo("abc trading");
  }

  @Test
  void aSearchTreatsLikeWildcardsAndTheEscapeCharacterAsText() {
    store.create("a", entryNamed("50%!_off"));
    store.create("b", entryNamed("50% off"));
    store.create("c", entryNamed("5!_"));

    assertThat(
            store
                .page(new PageRequest(Optional.empty(), 10, Long.MAX_VALUE, Optional.of("%!_")))
                .entries())
        .containsOnlyKeys("a");
    assertThat(
            store
                .page(new PageRequest(Optional.empty(), 10, Long.MAX_VALUE, Optional.of("!!")))
                .entries())
        .isEmpty();
    assertThat(
            store
                .page(new PageRequest(Optional.empty(), 10, Long.MAX_VALUE, Optional.of("!_")))
                .entries())
        .containsOnlyKeys("a", "c");
  }

  @Test
  void migrationsCanRunAgainOnAMigratedDatabaseAndKeepTheEntries() throws SQLException {
    store.create("kept", EntryFixtures.entry("full"));

    assertThatCode(
            () -> {
              Migrations.apply(factory.dataSource(), new MetricRegistry(), factory.type());
              Migrations.apply(factory.dataSource(), new MetricRegistry(), factory.type());
            })
        .doesNotThrowAnyException();

    assertThat(count("SELECT count(*) FROM databasechangelog"))
        .isEqualTo(ChangeLog.changeSetsFor(factory.type()));
    assertThat(store.list()).containsExactly(Map.entry("kept", EntryFixtures.entry("full")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"full_name\": \"Bill",
        "{bad",
        "",
        "[]",
        "null",
        "{\"full_name\": 5}",
        "{}",
        "{\"full_name\": \"Bill\"} garbage"
      })
  void aCorruptRowMakesFindAndListThrowStoreException(String document) throws SQLException {
    store.create("good", EntryFixtures.entry("minimal"));
    try (Connection connection = pool.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO address_entries (id, full_name, document, version)"
                    + " VALUES ('corrupt', 'x', ?, 1)")) {
      insert.setString(1, document);
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> store.find("corrupt"))
        .withMessageContaining("corrupt entry");
    assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.list());
    assertThat(store.find("good")).contains(EntryFixtures.entry("minimal"));
  }

  @Test
  void everyOperationThrowsStoreExceptionWhileTheTableIsMissing() throws SQLException {
    store.create("kept", EntryFixtures.entry("minimal"));
    // Renamed away rather than dropped: the migration that made it stays recorded as applied.
    execute("ALTER TABLE address_entries RENAME TO address_entries_away");
    try {
      assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.ping());
      assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.find("kept"));
      assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.list());
      assertThatExceptionOfType(StoreException.class)
          .isThrownBy(() -> store.create("new", EntryFixtures.entry("full")));
      assertThatExceptionOfType(StoreException.class)
          .isThrownBy(() -> store.replace("kept", EntryFixtures.entry("full")));
      assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.delete("kept"));
    } finally {
      execute("ALTER TABLE address_entries_away RENAME TO address_entries");
    }

    assertThatCode(store::ping).doesNotThrowAnyException();
    assertThat(store.list()).containsExactly(Map.entry("kept", EntryFixtures.entry("minimal")));
  }

  @Test
  void theHealthChecksQueryTheDatabaseAndTurnRedWithoutTheTable() throws SQLException {
    HealthCheck storeCheck = new StoreHealthCheck(store, factory.type(), factory.freeSpace());
    assertThat(storeCheck.execute().isHealthy()).isTrue();
    assertThat(environment.healthChecks().runHealthCheck(factory.type()).isHealthy())
        .as("the pool's own check")
        .isTrue();

    execute("ALTER TABLE address_entries RENAME TO address_entries_away");
    try {
      HealthCheck.Result result = storeCheck.execute();
      assertThat(result.isHealthy()).isFalse();
      assertThat(result.getMessage())
          .startsWith(factory.type() + " store is unusable")
          .contains("address_entries");
    } finally {
      execute("ALTER TABLE address_entries_away RENAME TO address_entries");
    }

    assertThat(storeCheck.execute().isHealthy()).isTrue();
  }

  /** Runs one statement on a connection from the store's pool. */
  protected void execute(String sql) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The full_name_folded column of the row {@code id}. */
  protected String foldedName(String id) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT full_name_folded FROM address_entries WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as("a row for %s", id).isTrue();
        return row.getString(1);
      }
    }
  }

  /** The version column of the row {@code id}. */
  protected long version(String id) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT version FROM address_entries WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as("a row for %s", id).isTrue();
        return row.getLong(1);
      }
    }
  }

  /** The single number {@code query} answers, on a connection from the store's pool. */
  protected long count(String query) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement select = connection.prepareStatement(query);
        ResultSet row = select.executeQuery()) {
      assertThat(row.next()).isTrue();
      return row.getLong(1);
    }
  }
}
