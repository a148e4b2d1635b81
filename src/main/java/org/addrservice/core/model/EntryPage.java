package org.addrservice.core.model;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One page of the book, ordered by id, and whether more entries follow it. A store finds that out
 * by looking for one entry more than the page holds.
 */
public record EntryPage(SortedMap<String, AddressEntry> entries, boolean hasMore) {

  public EntryPage {
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /**
   * The page {@code request} asks for, taken from {@code candidates}: the entries after the
   * request's cursor, in id order. The stream is read lazily, only until the page is full and one
   * more match is seen.
   */
  public static EntryPage of(
      Stream<Map.Entry<String, AddressEntry>> candidates, PageRequest request) {
    SortedMap<String, AddressEntry> page = new TreeMap<>();
    Iterator<Map.Entry<String, AddressEntry>> matches =
        candidates.filter(candidate -> request.matches(candidate.getValue())).iterator();
    while (matches.hasNext()) {
      Map.Entry<String, AddressEntry> match = matches.next();
      if (page.size() == request.limit()) {
        return new EntryPage(page, true);
      }
      page.put(match.getKey(), match.getValue());
    }
    return new EntryPage(page, false);
  }
}
