package org.addrservice.store.memory;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.google.auto.service.AutoService;
import io.dropwizard.core.setup.Environment;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.store.StoreFactory;

/** {@code store: {type: memory}}: nothing survives a restart. */
@AutoService(StoreFactory.class)
@JsonTypeName(MemoryStoreFactory.TYPE)
public final class MemoryStoreFactory implements StoreFactory {

  public static final String TYPE = "memory";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public AddressBookStore build(Environment environment) {
    return new MemoryStore();
  }
}
