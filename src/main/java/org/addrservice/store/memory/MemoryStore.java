package org.addrservice.store.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.EntryPage;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.VersionCheck;
import org.addrservice.store.WriteResult;

/** Keeps entries in memory, for tests and demos: everything is lost when the process ends. */
public final class MemoryStore implements AddressBookStore {

  private final ConcurrentNavigableMap<String, VersionedEntry> entries =
      new ConcurrentSkipListMap<>();

  private final ConcurrentMap<String, IdempotencyRecord> keys = new ConcurrentHashMap<>();

  @Override
  public boolean create(String id, AddressEntry entry) {
    requireWellFormed(id);
    return entries.putIfAbsent(id, new VersionedEntry(entry, 1)) == null;
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
              return entries.putIfAbsent(record.entryId(), new VersionedEntry(entry, 1)) == null
                  ? record
                  : null;
            });
    return Optional.ofNullable(held);
  }

  @Override
  public Optional<VersionedEntry> findStored(String id) {
    return EntryId.isWellFormed(id) ? Optional.ofNullable(entries.get(id)) : Optional.empty();
  }

  @Override
  public WriteResult replace(String id, AddressEntry entry, VersionCheck check) {
    return writeIf(
        id,
        check,
        current -> {
          VersionedEntry next = new VersionedEntry(entry, current.version() + 1);
          return entries.replace(id, current, next)
              ? Optional.of(WriteResult.replaced(next.version()))
              : Optional.empty();
        });
  }

  @Override
  public WriteResult delete(String id, VersionCheck check) {
    return writeIf(
        id,
        check,
        current ->
            entries.remove(id, current) ? Optional.of(WriteResult.DELETED) : Optional.empty());
  }

  /**
   * Checks {@code check} against the stored entry and makes {@code write}, which succeeds only if
   * the entry is still the one checked (a compare-and-set); when another write came in between, it
   * looks again.
   */
  private WriteResult writeIf(
      String id, VersionCheck check, Function<VersionedEntry, Optional<WriteResult>> write) {
    if (!EntryId.isWellFormed(id)) {
      return WriteResult.NOT_FOUND;
    }
    while (true) {
      VersionedEntry current = entries.get(id);
      if (current == null) {
        return WriteResult.NOT_FOUND;
      }
      if (!check.allows(current.version())) {
        return WriteResult.VERSION_MISMATCH;
      }
      Optional<WriteResult> written = write.apply(current);
      if (written.isPresent()) {
        return written.get();
      }
    }
  }

  @Override
  public SortedMap<String, AddressEntry> list() {
    SortedMap<String, AddressEntry> book = new TreeMap<>();
    entries.forEach((id, stored) -> book.put(id, stored.entry()));
    return book;
  }

  @Override
  public EntryPage page(PageRequest request) {
    ConcurrentNavigableMap<String, VersionedEntry> candidates =
        request.after().map(after -> entries.tailMap(after, false)).orElse(entries);
    return EntryPage.of(
        candidates.entrySet().stream()
            .map(stored -> Map.entry(stored.getKey(), stored.getValue().entry())),
        request);
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
