package org.addrservice.store;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jackson.Discoverable;
import java.util.Optional;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;

/**
 * The {@code store:} section of the configuration. Its {@code type} names the backend; each backend
 * is one class with a {@code @JsonTypeName} and {@code @AutoService(StoreFactory.class)}, which
 * lists it in {@code META-INF/services/org.addrservice.store.StoreFactory}, where Dropwizard finds
 * it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface StoreFactory extends Discoverable {

  /** The name of this backend, as written after {@code type:}. */
  String type();

  /**
   * Opens the store and hands anything that must be closed to the environment's lifecycle.
   *
   * @throws StoreException when the store cannot be opened
   */
  AddressBookStore build(Environment environment);

  /**
   * The usable space the file system of this store's files must keep, for its health check; empty
   * for a store that keeps no files.
   */
  default Optional<FreeSpace> freeSpace() {
    return Optional.empty();
  }

  /** The database behind this store, for the {@code db} commands; empty when there is none. */
  default Optional<PooledDataSourceFactory> database() {
    return Optional.empty();
  }

  /**
   * The database the {@code db} commands (migrate, status, ...) work on.
   *
   * @throws IllegalStateException when this store has no database
   */
  default PooledDataSourceFactory databaseForMigrations() {
    return database()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the db commands need a SQL store (store.type: sqlite or postgres), not "
                        + type()));
  }
}
