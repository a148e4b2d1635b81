package org.addrservice.core;

import java.io.InputStream;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.store.AddressBookStore;

/**
 * The address book: every rule about entries and ids lives here, whatever protocol the request came
 * in on and whichever store keeps the entries.
 *
 * <p>An id that is not well formed names no entry: it is answered as not found before any store
 * sees it. On a replace, the id is checked first, then the body, then the store, so a client learns
 * about a bad body even for an entry that has since been deleted.
 */
public final class AddressBookService {

  /** Ids are random; a collision is all but impossible, and a few retries make it impossible. */
  private static final int CREATE_ATTEMPTS = 3;

  private final AddressBookStore store;
  private final EntryReader reader;
  private final Supplier<String> newIds;

  public AddressBookService(AddressBookStore store, EntryReader reader, Supplier<String> newIds) {
    this.store = store;
    this.reader = reader;
    this.newIds = newIds;
  }

  public AddressBookService(AddressBookStore store, EntryReader reader) {
    this(store, reader, EntryId::generate);
  }

  /** Every entry, ordered by id. */
  public SortedMap<String, AddressEntry> list() {
    return store.list();
  }

  public AddressEntry get(String id) {
    requireWellFormed(id);
    return store.find(id).orElseThrow(EntryNotFoundException::new);
  }

  /** Stores a new entry read from {@code body} and answers its id. */
  public String create(InputStream body) {
    AddressEntry entry = reader.read(body);
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      String id = newIds.get();
      if (store.create(id, entry)) {
        return id;
      }
    }
    throw new IllegalStateException(
        "no free id after " + CREATE_ATTEMPTS + " attempts: the id generator repeats itself");
  }

  /** Replaces the entry {@code id} with the one read from {@code body}. */
  public void replace(String id, InputStream body) {
    requireWellFormed(id);
    AddressEntry entry = reader.read(body);
    if (!store.replace(id, entry)) {
      throw new EntryNotFoundException();
    }
  }

  public void delete(String id) {
    requireWellFormed(id);
    if (!store.delete(id)) {
      throw new EntryNotFoundException();
    }
  }

  private static void requireWellFormed(String id) {
    if (!EntryId.isWellFormed(id)) {
      throw new EntryNotFoundException();
    }
  }
}
