package org.addrservice.core.model;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The slice of the book a store answers a {@link PageRequest} with: the matching entries in id
 * order, and whether more follow it. A store finds that out by looking at one match more than the
 * slice holds. The service makes the page it answers (its {@code BookPage}) of it.
 */
public record StoreSlice(SortedMap<String, AddressEntry> entries, boolean hasMore) {

  public StoreSlice {
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /** A page to be filled with the matches of {@code request}, in id order. */
  public static Builder builder(PageRequest request) {
    return new Builder(request);
  }

  /**
   * Collects a page while a store reads its matches one at a time, so that the store can stop
   * reading, and parsing, as soon as the page is complete. Sizes are those of the entries' stored
   * JSON, in bytes.
   */
  public static final class Builder {

    private final PageRequest request;
    private final SortedMap<String, AddressEntry> entries = new TreeMap<>();
    private long bytes;
    private boolean hasMore;

    private Builder(PageRequest request) {
      this.request = request;
    }

    /**
     * Whether the next match, of {@code size} bytes, belongs to the page: it does unless the page
     * already holds its limit, or holds something and would grow past its bytes or past what the
     * memory shared by all pages has free. When it does not, the page is complete, and more follow
     * it. A match it admits has taken its bytes from the page's share of that memory.
     */
    public boolean admits(long size) {
      if (entries.isEmpty()) {
        request.memory().take(size);
        return true;
      }
      if (entries.size() == request.limit()
          || bytes + size > request.maxBytes()
          || !request.memory().tryTake(size)) {
        hasMore = true;
        return false;
      }
      return true;
    }

    /** Adds a match that {@link #admits} let in. */
    public void add(String id, AddressEntry entry, long size) {
      entries.put(id, entry);
      bytes += size;
    }

    public StoreSlice build() {
      return new StoreSlice(entries, hasMore);
    }
  }
}
