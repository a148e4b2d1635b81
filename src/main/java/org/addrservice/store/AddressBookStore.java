package org.addrservice.store;

import java.util.Optional;
import java.util.SortedMap;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryPage;
import org.addrservice.core.model.PageRequest;

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

  Optional<AddressEntry> find(String id);

  /** Replaces the entry {@code id}; answers false, changing nothing, when there is none. */
  boolean replace(String id, AddressEntry entry);

  /** Removes the entry {@code id}; answers false when there is none. */
  boolean delete(String id);

  /** Every entry, ordered by id. */
  SortedMap<String, AddressEntry> list();

  /**
   * The entries {@code request} asks for: those with an id after its cursor whose name matches, in
   * id order, at most its limit, and whether more follow. Entries created or deleted while a client
   * walks the pages never make it see an entry twice or miss one that was there throughout.
   */
  EntryPage page(PageRequest request);

  /**
   * Proves the store can be used right now: its directory can be written to, its database answers a
   * query on the entries' table.
   *
   * @throws StoreException when it cannot
   */
  void ping();
}
