package org.addrservice.store.sql;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.google.auto.service.AutoService;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.addrservice.core.port.StoreException;
import org.addrservice.store.FreeSpace;
import org.addrservice.store.StoreFactory;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code store: {type: sqlite, file: ./data/addressbook.db}}: an embedded database in one file,
 * migrated on start unless told otherwise.
 *
 * <p>The database runs in WAL mode with {@code synchronous=FULL}: a write is acknowledged only once
 * it is in the write-ahead log on disk, so it survives the process being killed, or the machine
 * losing power, at any moment. Writers wait for each other for up to ten seconds. Transactions
 * begin IMMEDIATE, taking the write lock at once: a transaction that read first and wrote later
 * would otherwise fail outright when another writer got in between, rather than wait.
 *
 * <p>Statements carry no name comment ({@code autoCommentsEnabled: false}): Dropwizard adds it by
 * rendering every statement's template anew, which bypasses Jdbi's cache of parsed templates and
 * cost more CPU than running the statement.
 *
 * <p>SQLite has one writer and each commit waits for a flush of the disk, so the writes of
 * concurrent requests are committed together ({@link GroupCommit}): one flush serves them all.
 */
@AutoService(StoreFactory.class)
@JsonTypeName(SqliteStoreFactory.TYPE)
public final class SqliteStoreFactory extends SqlStoreFactory {

  public static final String TYPE = "sqlite";

  /** How many writes shared each commit, and how many commits there were. */
  static final String WRITES_PER_COMMIT = "addrservice.sqlite.writes-per-commit";

  private static final Map<String, String> PRAGMAS =
      Map.of(
          "journal_mode", "WAL",
          "synchronous", "FULL",
          "busy_timeout", "10000",
          "transaction_mode", "IMMEDIATE",
          "foreign_keys", "true");

  @NotEmpty private String file = "./data/addressbook.db";

  @NotNull private DataSize minFreeSpace = FreeSpace.DEFAULT_MINIMUM;

  public SqliteStoreFactory() {
    super(true);
  }

  @JsonProperty
  public String getFile() {
    return file;
  }

  @JsonProperty
  public void setFile(String file) {
    this.file = file;
  }

  @JsonProperty
  public DataSize getMinFreeSpace() {
    return minFreeSpace;
  }

  @JsonProperty
  public void setMinFreeSpace(DataSize minFreeSpace) {
    this.minFreeSpace = minFreeSpace;
  }

  /** The file system of the database's directory, which also holds its write-ahead log. */
  @Override
  public Optional<FreeSpace> freeSpace() {
    return Optional.of(new FreeSpace(databaseDirectory(), minFreeSpace));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public PooledDataSourceFactory dataSource() {
    DataSourceFactory database = new DataSourceFactory();
    database.setDriverClass("org.sqlite.JDBC");
    database.setUrl("jdbc:sqlite:" + Path.of(file).toAbsolutePath().normalize());
    database.setProperties(PRAGMAS);
    database.setValidationQuery("SELECT 1");
    database.setInitialSize(1);
    database.setMinSize(1);
    database.setMaxSize(8);
    database.setMaxWaitForConnection(Duration.seconds(10));
    database.setAutoCommentsEnabled(false);
    return database;
  }

  @Override
  SqlWrites writes(Jdbi jdbi, Environment environment) {
    GroupCommit groupCommit =
        new GroupCommit(jdbi, TYPE, environment.metrics().histogram(WRITES_PER_COMMIT));
    environment.lifecycle().manage(groupCommit);
    return groupCommit;
  }

  private Path databaseDirectory() {
    return Path.of(file).toAbsolutePath().normalize().getParent();
  }

  @Override
  protected void prepare() {
    Path parent = databaseDirectory();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StoreException("cannot create the directory " + parent + " for " + file, e);
    }
  }
}
