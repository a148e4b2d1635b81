package org.addrservice.store.sql;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.google.auto.service.AutoService;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.PooledDataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.addrservice.store.StoreFactory;

/**
 * {@code store: {type: postgres, database: {...}}}: a PostgreSQL server, configured as a Dropwizard
 * {@link DataSourceFactory}. Migrations are applied with {@code db migrate} unless {@code
 * migrateOnStart} is set.
 *
 * <p>Unlike Dropwizard's default, {@code autoCommentsEnabled} is false unless configured: the
 * comment naming each statement's DAO method is made by rendering the statement's template anew at
 * every call, bypassing Jdbi's cache of parsed templates, which costs more CPU than the query.
 */
@AutoService(StoreFactory.class)
@JsonTypeName(PostgresStoreFactory.TYPE)
public final class PostgresStoreFactory extends SqlStoreFactory {

  public static final String TYPE = "postgres";

  @Valid @NotNull private DataSourceFactory database = new DataSourceFactory();

  public PostgresStoreFactory() {
    super(false);
    database.setAutoCommentsEnabled(false);
  }

  @JsonProperty("database")
  public DataSourceFactory getDatabase() {
    return database;
  }

  /** Merged into the defaults above rather than replacing them, so they hold unless configured. */
  @JsonProperty("database")
  @JsonMerge
  public void setDatabase(DataSourceFactory database) {
    this.database = database;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public PooledDataSourceFactory dataSource() {
    return database;
  }

  /** The driver would read a whole result before the first row: the server cuts the page. */
  @Override
  PageQueries pageQueries() {
    return PageQueries.CUT_BY_THE_DATABASE;
  }
}
