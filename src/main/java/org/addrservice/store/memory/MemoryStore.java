package org.addrservice.store.memory;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.store.AddressBookStore;

/** Keeps entries in memory, for tests and demos: everything is lost when the process ends. */
public final class MemoryStore implements AddressBookStore {

  private final ConcurrentNavigableMap<String, AddressEntry> entries =
      new ConcurrentSkipListMap<>();

  private final ConcurrentMap<String, IdempotencyRecord> keys = new ConcurrentHashMap<>();

  @Override
  public boolean create(String id, AddressEntry entry) {
    requireWellFormed(id);
    return entries.putIfAbsent(id, entry) == null;
  }

  @Override
  public Optional<IdempotencyRecord> createWithKey(
      IdempotencyRecord record, AddressEntry entry, Instant expiredBefore) {
    requireWellFormed(record.entryId());
    keys.values().removeIf(held -> held.isExpired(expiredBefore));
    // compute() runs atomically per key, so concurrent calls with one key store one entry.
    IdempotencyRecord held =
        keys.compute(
            record.key(),
            (key, known) -> {
              if (known != null && !known.isExpired(expiredBefore)) {
                return known;
              }
              return entries.putIfAbsent(record.entryId(), entry) == null ? record : null;
            });
    return Optional.ofNullable(held);
  }

  @Override
  public Optional<AddressEntry> find(String id) {
    return EntryId.isWellFormed(id) ? Optional.ofNullable(entries.get(id)) : Optional.empty();
  }

  @Override
  public boolean replace(String id, AddressEntry entry) {
    return EntryId.isWellFormed(id) && entries.replace(id, entry) != null;
  }

  @Override
  public boolean delete(String id) {
    return EntryId.isWellFormed(id) && entries.remove(id) != null;
  }

  @Override
  public SortedMap<String, AddressEntry> list() {
    return new TreeMap<>(entries);
  }

  @Override
  public void ping() {
    // Memory is always there while the process is.
  }

  private static void requireWellFormed(String id) {
    if (!EntryId.isWellFormed(id)) {
      throw new IllegalArgumentException("not a well-formed entry id");
    }
  }
}
