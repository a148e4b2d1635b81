package org.addrservice.core;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.EntryPage;
import org.addrservice.core.model.PageRequest;
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

  /** How many entries a page holds at most unless configured otherwise. */
  public static final int DEFAULT_MAX_PAGE_SIZE = 1000;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private final AddressBookStore store;
  private final EntryReader reader;
  private final Supplier<String> newIds;
  private final int maxPageSize;

  /**
   * @param maxPageSize the most entries one page holds, and what a page holds when the client names
   *     no limit
   */
  public AddressBookService(
      AddressBookStore store, EntryReader reader, Supplier<String> newIds, int maxPageSize) {
    if (maxPageSize < 1) {
      throw new IllegalArgumentException("a page holds at least one entry, not " + maxPageSize);
    }
    this.store = store;
    this.reader = reader;
    this.newIds = newIds;
    this.maxPageSize = maxPageSize;
  }

  public AddressBookService(AddressBookStore store, EntryReader reader, Supplier<String> newIds) {
    this(store, reader, newIds, DEFAULT_MAX_PAGE_SIZE);
  }

  public AddressBookService(AddressBookStore store, EntryReader reader) {
    this(store, reader, EntryId::generate);
  }

  /**
   * One page of the book, in id order. Each argument is as the client sent it, null when absent.
   *
   * @param limit the most entries the page holds, 1 to the configured maximum; the maximum when
   *     null
   * @param after the cursor of a previous page's answer; the first page when null
   * @param nameContains keeps only the entries whose full name contains it, ignoring case
   * @throws InvalidQueryException naming each argument that is not valid
   */
  public BookPage list(String limit, String after, String nameContains) {
    List<String> errors = new ArrayList<>();
    int pageSize = maxPageSize;
    if (limit != null) {
      pageSize = DIGITS.matcher(limit).matches() ? Integer.parseInt(limit) : 0;
      if (pageSize < 1 || pageSize > maxPageSize) {
        errors.add("limit: must be a whole number from 1 to " + maxPageSize);
      }
    }
    Optional<String> afterId = Optional.empty();
    if (after != null) {
      afterId = PageCursor.decode(after);
      if (afterId.isEmpty()) {
        errors.add("after: must be a cursor from the Link header of a previous page");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidQueryException(errors);
    }
    Optional<String> search = Optional.ofNullable(nameContains);
    EntryPage page = store.page(new PageRequest(afterId, pageSize, search));
    Optional<String> next =
        page.hasMore()
            ? Optional.of(PageCursor.encode(page.entries().lastKey()))
            : Optional.empty();
    return new BookPage(page.entries(), pageSize, search, next);
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
