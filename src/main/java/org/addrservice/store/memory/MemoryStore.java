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
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.StoreSlice;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.WriteResult;
import org.addrservice.store.StoredDocuments;

/**
 * Keeps entries in memory, for tests and demos: everything is lost when the process ends.
 *
 * <p>Each entry is kept as its JSON bytes, about a tenth of the memory its parsed document takes,
 * so that a book of a hundred thousand entries fits a small heap; a read parses them again.
 */
public final class MemoryStore implements AddressBookStore {

  private final ConcurrentNavigableMap<String, Stored> entries = new ConcurrentSkipListMap<>();

  private final ConcurrentMap<String, IdempotencyRecord> keys = new ConcurrentHashMap<>();

  /**
   * One entry's document and version. Compare-and-set compares by identity, and every write makes a
   * new one.
   */
  private static final class Stored {
    private final byte[] document;
    private final long version;

    private Stored(byte[] document, long version) {
      this.document = document;
      this.version = version;
    }

    static Stored of(AddressEntry entry, long version) {
      return new Stored(StoredDocuments.toBytes(entry), version);
    }

    long version() {
      return version;
    }

    AddressEntry entry(String id) {
      return StoredDocuments.fromBytes(document, "the memory store's entry " + id);
    }
  }

  @Override
  public boolean create(String id, AddressEntry entry) {
    requireWellFormed(id);
    return entries.putIfAbsent(id, Stored.of(entry, 1)) == null;
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
              return entries.putIfAbsent(record.entryId(), Stored.of(entry, 1)) == null
                  ? record
                  : null;
            });
    return Optional.ofNullable(held);
  }

  @Override
  public Optional<VersionedEntry> findVersioned(String id) {
    if (!EntryId.isWellFormed(id)) {
      return Optional.empty();
    }
    return Optional.ofNullable(entries.get(id))
        .map(stored -> new VersionedEntry(stored.entry(id), stored.version()));
  }

  @Override
  public WriteResult replace(String id, AddressEntry entry, Precondition check) {
    return writeIf(
        id,
        check,
        current -> {
          Stored next = Stored.of(entry, current.version() + 1);
          return entries.replace(id, current, next)
              ? Optional.of(WriteResult.replaced(next.version()))
              : Optional.empty();
        });
  }

  @Override
  public WriteResult delete(String id, Precondition check) {
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
      String id, Precondition check, Function<Stored, Optional<WriteResult>> write) {
    if (!EntryId.isWellFormed(id)) {
      return WriteResult.NOT_FOUND;
    }
    while (true) {
      Stored current = entries.get(id);
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
    entries.forEach((id, stored) -> book.put(id, stored.entry(id)));
    return book;
  }

  /** Parses only the entries of the page, and the names a search looks at. */
  @Override
  public StoreSlice page(PageRequest request) {
    ConcurrentNavigableMap<String, Stored> candidates =
        request.after().map(after -> entries.tailMap(after, false)).orElse(entries);
    boolean searching = request.nameContains().isPresent();
    StoreSlice.Builder page = StoreSlice.builder(request);
    for (Map.Entry<String, Stored> candidate : candidates.entrySet()) {
      String id = candidate.getKey();
      Stored stored = candidate.getValue();
      AddressEntry entry = searching ? stored.entry(id) : null;
      if (entry != null && !request.matches(entry)) {
        continue;
      }
      if (!page.admits(stored.document.length)) {
        break;
      }
      page.add(id, entry == null ? stored.entry(id) : entry, stored.document.length);
    }
    return page.build();
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
