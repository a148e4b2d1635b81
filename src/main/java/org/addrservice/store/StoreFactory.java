package org.addrservice.store;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jackson.Discoverable;
import java.util.Optional;
import java.util.ServiceLoader;
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

  /**
   * The factory of the backend named {@code type}, with every default: what {@code store: {type:
   * ...}} reads as. It is found the way Dropwizard finds it, through the service file, so that no
   * code but the backend's own needs to name its class.
   *
   * @throws IllegalArgumentException when no backend has that name
   */
  static StoreFactory ofType(String type) {
    return ServiceLoader.load(StoreFactory.class, StoreFactory.class.getClassLoader()).stream()
        .filter(factory -> isNamed(factory.type(), type))
        .findFirst()
        .map(ServiceLoader.Provider::get)
        .orElseThrow(() -> new IllegalArgumentException("no store of type " + type));
  }

  private static boolean isNamed(Class<? extends StoreFactory> factory, String type) {
    JsonTypeName name = factory.getAnnotation(JsonTypeName.class);
    return name != null && name.value().equals(type);
  }

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
