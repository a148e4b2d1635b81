package org.addrservice.core.port;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.StoreSlice;
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

  /**
   * Stores {@code entry} under {@code record.entryId()} and {@code record} under its key, as one
   * atomic step, unless the key is already known. Answers the record that holds for the key
   * afterwards: {@code record} itself when the entry was stored, else the record found, which may
   * name an entry deleted since. A record created at or before {@code expiredBefore} counts as
   * unknown and is replaced; stores also remove some other expired records on the way, so that keys
   * do not pile up. Concurrent calls with one key, from any number of processes sharing the store,
   * store exactly one entry and all answer its record.
   *
   * <p>Answers empty, changing nothing, when the key is unknown but the entry id is taken.
   */
  Optional<IdempotencyRecord> createWithKey(
      IdempotencyRecord record, AddressEntry entry, Instant expiredBefore);

  /** The entry {@code id} with its version, when there is one. */
  Optional<VersionedEntry> findVersioned(String id);

  /** The entry {@code id} without its version, when there is one. */
  default Optional<AddressEntry> find(String id) {
    return findVersioned(id).map(VersionedEntry::entry);
  }

  /**
   * Replaces the entry {@code id}, in one atomic step with checking {@code check} against its
   * version, and increments the version. Changes nothing when there is no entry or the check fails.
   */
  WriteResult replace(String id, AddressEntry entry, Precondition check);

  /** Replaces the entry {@code id}, whatever its version; answers false when there is none. */
  default boolean replace(String id, AddressEntry entry) {
    return replace(id, entry, Precondition.ANY).written();
  }

  /**
   * Removes the entry {@code id}, in one atomic step with checking {@code check} against its
   * version. Changes nothing when there is no entry or the check fails.
   */
  WriteResult delete(String id, Precondition check);

  /** Removes the entry {@code id}, whatever its version; answers false when there is none. */
  default boolean delete(String id) {
    return delete(id, Precondition.ANY).written();
  }

  /** Every entry, ordered by id. */
  SortedMap<String, AddressEntry> list();

  /**
   * The entries {@code request} asks for: those with an id after its cursor whose name matches, in
   * id order, at most its limit, and whether more follow. Entries created or deleted while a client
   * walks the pages never make it see an entry twice or miss one that was there throughout.
   */
  StoreSlice page(PageRequest request);

  /**
   * Proves the store can be used right now: its directory can be written to, its database answers a
   * query on the entries' table.
   *
   * @throws StoreException when it cannot
   */
  void ping();
}
