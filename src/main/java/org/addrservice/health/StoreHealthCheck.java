package org.addrservice.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.Optional;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.store.FreeSpace;

/**
 * Red when the store cannot be used right now: its directory or database is unreachable, or the
 * file system that holds its files has less usable space than it must keep.
 */
public final class StoreHealthCheck extends HealthCheck {

  private final AddressBookStore store;
  private final String type;
  private final Optional<FreeSpace> freeSpace;

  /**
   * @param freeSpace what the file system of a store that keeps files must have usable
   */
  public StoreHealthCheck(AddressBookStore store, String type, Optional<FreeSpace> freeSpace) {
    this.store = store;
    this.type = type;
    this.freeSpace = freeSpace;
  }

  @Override
  protected Result check() {
    try {
      store.ping();
      Optional<Long> usable = freeSpace.map(FreeSpace::require);
      return usable.isPresent()
          ? Result.healthy(
              "%s store is usable, with %s usable on its file system",
              type, FreeSpace.describe(usable.get()))
          : Result.healthy("%s store is usable", type);
    } catch (StoreException e) {
      return Result.unhealthy("%s store is unusable: %s", type, e.getMessage());
    }
  }
}
