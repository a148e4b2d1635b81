package org.addrservice.store.sql;

import org.jdbi.v3.core.Handle;

/**
 * The DAOs of one handle, each attached when first asked for. Attaching builds a proxy and its
 * method handlers, which costs more than running a short statement, so a handle that serves many
 * writes attaches each DAO once.
 */
final class HandleDaos {

  private final Handle handle;
  private EntryDao entries;
  private IdempotencyKeyDao keys;

  HandleDaos(Handle handle) {
    this.handle = handle;
  }

  Handle handle() {
    return handle;
  }

  EntryDao entries() {
    if (entries == null) {
      entries = handle.attach(EntryDao.class);
    }
    return entries;
  }

  IdempotencyKeyDao keys() {
    if (keys == null) {
      keys = handle.attach(IdempotencyKeyDao.class);
    }
    return keys;
  }
}
