package org.addrservice.store.memory;

import org.addrservice.core.port.AddressBookStore;
import org.addrservice.store.AddressBookStoreContract;

class MemoryStoreTest extends AddressBookStoreContract {

  @Override
  protected AddressBookStore newStore() {
    return new MemoryStore();
  }
}
