package org.addrservice.store.fs;

import java.util.Collections;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.StoreSlice;

/**
 * Lists the entries of an {@link EntryDirectory}, whole or a page at a time, without a lock: an
 * entry deleted while it is listed is left out, one written meanwhile may or may not be in.
 */
final class DirectoryPages {

  /** The most ids a page keeps from one pass over the directory. */
  private static final int MAX_ID_BATCH = 16_384;

  private final EntryDirectory entries;

  DirectoryPages(EntryDirectory entries) {
    this.entries = entries;
  }

  SortedMap<String, AddressEntry> list() {
    SortedMap<String, AddressEntry> listed = new TreeMap<>();
    for (String id : entries.idsAfter(null, Integer.MAX_VALUE)) {
      entries
          .readListed(id)
          .ifPresent(bytes -> listed.put(id, EntryDirectory.parse(bytes, id).entry()));
    }
    return listed;
  }

  /**
   * Lists the directory in passes, each keeping only the next batch of ids in order: the ids of the
   * page, or, while a search skips names that do not match, batches that double up to {@link
   * #MAX_ID_BATCH}. So a page holds a bounded number of ids whatever the size of the book, but each
   * pass reads the whole directory: a page costs time in proportion to the size of the book, fine
   * for the single host this store is meant for. Only the files of the page itself (and of the
   * names that do not match the search) are read, up to the first that does not fit.
   */
  StoreSlice page(PageRequest request) {
    StoreSlice.Builder page = StoreSlice.builder(request);
    Iterator<String> ids = idsAfter(request.after().orElse(null), request.limit() + 1);
    while (ids.hasNext()) {
      String id = ids.next();
      Optional<byte[]> bytes = entries.readListed(id);
      if (bytes.isEmpty()) {
        // Deleted since the listing: not part of it.
        continue;
      }
      AddressEntry entry = EntryDirectory.parse(bytes.get(), id).entry();
      if (!request.matches(entry)) {
        continue;
      }
      if (!page.admits(bytes.get().length)) {
        break;
      }
      page.add(id, entry, bytes.get().length);
    }
    return page.build();
  }

  /** The ids after {@code after} (all when null) in order, listed a batch at a time as used. */
  private Iterator<String> idsAfter(String after, int firstBatch) {
    return new Iterator<>() {
      private String last = after;
      private int batchSize = firstBatch;
      private Iterator<String> batch = Collections.emptyIterator();
      private boolean listedAll;

      @Override
      public boolean hasNext() {
        if (!batch.hasNext() && !listedAll) {
          NavigableSet<String> next = entries.idsAfter(last, batchSize);
          listedAll = next.size() < batchSize;
          if (!next.isEmpty()) {
            last = next.last();
          }
          batch = next.iterator();
          batchSize = Math.max(batchSize, Math.min(2 * batchSize, MAX_ID_BATCH));
        }
        return batch.hasNext();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch.next();
      }
    };
  }
}
