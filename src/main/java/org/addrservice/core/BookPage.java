package org.addrservice.core;

import java.io.Closeable;
import java.util.Optional;
import java.util.SortedMap;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.PageMemory;

/**
 * One page of the book as the service answers it: the entries in id order and, when more follow,
 * the id the next page starts after, with the limit and search text that page is to be read with.
 * It holds its share of the memory all pages share until it is closed, once its answer is written.
 */
public record BookPage(
    SortedMap<String, AddressEntry> entries,
    int limit,
    Optional<String> nameContains,
    Optional<String> nextAfter,
    PageMemory.Share memory)
    implements Closeable {

  /** Gives the page's memory back; the answer must be written by then. */
  @Override
  public void close() {
    memory.close();
  }
}
