package org.addrservice.store;

import io.dropwizard.core.setup.Environment;
import java.util.Optional;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;

/**
 * A store opened once from its {@code store:} section, with what its health check needs: the
 * backend's name and the free space its files must keep.
 *
 * @param book the store, timed per operation
 * @param type the backend's name, as written after {@code type:}
 * @param freeSpace the usable space its file system must keep; empty for a store without files
 */
public record OpenedStore(AddressBookStore book, String type, Optional<FreeSpace> freeSpace) {

  /**
   * Opens the store {@code factory} describes and times its operations in the environment's
   * metrics.
   *
   * @throws StoreException when the store cannot be opened
   */
  public static OpenedStore open(StoreFactory factory, Environment environment) {
    String type = factory.type();
    AddressBookStore timed =
        new TimedStore(factory.build(environment), type, environment.metrics());
    return new OpenedStore(timed, type, factory.freeSpace());
  }
}
