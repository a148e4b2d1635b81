package org.addrservice.store.sql;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.migrations.CloseableLiquibase;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import java.sql.SQLException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.exception.LiquibaseException;
import org.addrservice.core.port.StoreException;
import org.addrservice.util.Causes;

/**
 * Applies the Liquibase change log {@code migrations.xml} (the same one {@code db migrate} runs)
 * through a data source of its own, which Liquibase closes when it is done.
 */
final class Migrations {

  static final String CHANGE_LOG = "migrations.xml";

  private Migrations() {}

  static void apply(PooledDataSourceFactory database, MetricRegistry metrics, String name) {
    try (CloseableLiquibase liquibase =
        new CloseableLiquibaseWithClassPathMigrationsFile(
            database.build(metrics, name + "-migrations"), CHANGE_LOG)) {
      liquibase.update(new Contexts(), new LabelExpression());
    } catch (LiquibaseException | SQLException e) {
      throw new StoreException("cannot migrate the " + name + " database: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = Causes.root(e);
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
