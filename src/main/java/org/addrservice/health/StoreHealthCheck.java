package org.addrservice.health;

import com.codahale.metrics.health.HealthCheck;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.StoreException;

/** Red when the store cannot be used right now (its directory or database is unreachable). */
public final class StoreHealthCheck extends HealthCheck {

  private final AddressBookStore store;
  private final String type;

  public StoreHealthCheck(AddressBookStore store, String type) {
    this.store = store;
    this.type = type;
  }

  @Override
  protected Result check() {
    try {
      store.ping();
      return Result.healthy("%s store is usable", type);
    } catch (StoreException e) {
      return Result.unhealthy("%s store is unusable: %s", type, e.getMessage());
    }
  }
}
