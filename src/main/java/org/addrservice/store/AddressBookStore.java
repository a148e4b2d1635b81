package org.addrservice.store;

import java.util.Optional;
import java.util.SortedMap;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.VersionedEntry;

/**
 * Where entries are kept. Implementations are safe for concurrent use; each operation on one id is
 * atomic. Ids reaching a store are already well formed, but a store never trusts that: an id that
 * is not well formed names no entry.
 *
 * <p>Operations fail with {@link StoreException} when the backing storage cannot be used.
 */
public interface AddressBookStore {

  /**
   * Stores {@code entry} under {@code id}; answers false, changing nothing, when the id is taken.
   */
  boolean create(String id, AddressEntry entry);

  /** The entry {@code id} with its version, when there is one. */
  Optional<VersionedEntry> findStored(String id);

  /** The entry {@code id}, when there is one. */
  default Optional<AddressEntry> find(String id) {
    return findStored(id).map(VersionedEntry::entry);
  }

  /**
   * Replaces the entry {@code id}, in one atomic step with checking {@code check} against its
   * version, and increments the version. Changes nothing when there is no entry or the check fails.
   */
  WriteResult replace(String id, AddressEntry entry, VersionCheck check);

  /** Replaces the entry {@code id}, whatever its version; answers false when there is none. */
  default boolean replace(String id, AddressEntry entry) {
    return replace(id, entry, VersionCheck.ANY).written();
  }

  /**
   * Removes the entry {@code id}, in one atomic step with checking {@code check} against its
   * version. Changes nothing when there is no entry or the check fails.
   */
  WriteResult delete(String id, VersionCheck check);

  /** Removes the entry {@code id}, whatever its version; answers false when there is none. */
  default boolean delete(String id) {
    return delete(id, VersionCheck.ANY).written();
  }

  /** Every entry, ordered by id. */
  SortedMap<String, AddressEntry> list();

  /**
   * Proves the store can be used right now: its directory can be written to, its database answers a
   * query on the entries' table.
   *
   * @throws StoreException when it cannot
   */
  void ping();
}
