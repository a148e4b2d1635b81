package org.addrservice.store.memory;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.EntryPage;
import org.addrservice.core.model.PageRequest;
import org.addrservice.store.AddressBookStore;

/** Keeps entries in memory, for tests and demos: everything is lost when the process ends. */
public final class MemoryStore implements AddressBookStore {

  private final ConcurrentNavigableMap<String, AddressEntry> entries =
      new ConcurrentSkipListMap<>();

  @Override
  public boolean create(String id, AddressEntry entry) {
    requireWellFormed(id);
    return entries.putIfAbsent(id, entry) == null;
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
  public EntryPage page(PageRequest request) {
    ConcurrentNavigableMap<String, AddressEntry> candidates =
        request.after().map(after -> entries.tailMap(after, false)).orElse(entries);
    return EntryPage.of(candidates.entrySet().stream(), request);
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
