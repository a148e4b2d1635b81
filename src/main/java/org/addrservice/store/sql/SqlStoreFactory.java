package org.addrservice.store.sql;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import java.util.Optional;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.store.StoreFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * What the SQL stores share: a pooled data source from Dropwizard (with its metrics and health
 * check), JDBI on top of it, and, when {@code migrateOnStart} is set, the Liquibase change log
 * applied before the first request.
 */
public abstract class SqlStoreFactory implements StoreFactory {

  private boolean migrateOnStart;

  protected SqlStoreFactory(boolean migrateOnStart) {
    this.migrateOnStart = migrateOnStart;
  }

  @JsonProperty
  public boolean isMigrateOnStart() {
    return migrateOnStart;
  }

  @JsonProperty
  public void setMigrateOnStart(boolean migrateOnStart) {
    this.migrateOnStart = migrateOnStart;
  }

  /** The data source of this store, built from its configuration. */
  public abstract PooledDataSourceFactory dataSource();

  /** The data source, prepared (a SQLite file's directory created) for the db commands. */
  @Override
  public Optional<PooledDataSourceFactory> database() {
    prepare();
    return Optional.of(dataSource());
  }

  /** Anything to do before the first connection is opened. */
  protected void prepare() {}

  @Override
  public AddressBookStore build(Environment environment) {
    prepare();
    PooledDataSourceFactory database = dataSource();
    if (migrateOnStart) {
      Migrations.apply(database, environment.metrics(), type());
    }
    ManagedDataSource pool = database.build(environment.metrics(), type());
    Jdbi jdbi = new JdbiFactory().build(environment, database, pool, type());
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(SqlStoreFactory::withoutValues);
    return new SqlStore(jdbi, writes(jdbi, environment), pageQueries(), type());
  }

  /**
   * How the database is asked for a page: as a stream of rows, unless it serves better otherwise.
   */
  PageQueries pageQueries() {
    return PageQueries.STREAMED;
  }

  /**
   * A failed statement's message names the statement but none of its values: they are entries,
   * personal data of up to {@code limits.maxBodySize} each, and the message goes to the log.
   */
  static String withoutValues(StatementException failure) {
    StatementContext context = failure.getStatementContext();
    if (context == null || context.getRenderedSql() == null) {
      return failure.getShortMessage();
    }
    return failure.getShortMessage() + " [statement: " + context.getRenderedSql() + "]";
  }

  /**
   * How the store commits its writes: each on its own, unless the database is better served
   * otherwise. Anything that must be stopped goes to the environment's lifecycle.
   */
  SqlWrites writes(Jdbi jdbi, Environment environment) {
    return SqlWrites.eachOnItsOwn(jdbi);
  }
}
