package org.addrservice.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of the book to read: the entries whose ids come after {@code after} (from the first id
 * when empty), in id order, keeping only those whose full name contains {@code nameContains} by the
 * rule of {@link NameFolding}; at most {@code limit} of them, and no more than fit in {@code
 * maxBytes} of stored JSON, or in what {@code memory} can take of the memory all pages share,
 * though always at least one.
 */
public record PageRequest(
    Optional<String> after,
    int limit,
    long maxBytes,
    Optional<String> nameContains,
    PageMemory.Share memory) {

  /**
   * The most characters (code points) a search may hold. Folded, a character becomes at most 18
   * (U+FDFA), so the longest search stays far below what a store can match: SQLite refuses LIKE
   * patterns longer than 50,000 bytes.
   */
  public static final int MAX_SEARCH_LENGTH = 256;

  public PageRequest {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(nameContains, "nameContains");
    if (limit < 1) {
      throw new IllegalArgumentException("a page holds at least one entry, not " + limit);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("a page holds at least one byte, not " + maxBytes);
    }
    Objects.requireNonNull(memory, "memory");
  }

  /** A request whose page only its own {@code maxBytes} bounds. */
  public PageRequest(
      Optional<String> after, int limit, long maxBytes, Optional<String> nameContains) {
    this(after, limit, maxBytes, nameContains, PageMemory.unbounded().share());
  }

  /** The search text as stores compare it, folded; empty when every name matches. */
  public Optional<String> foldedNameContains() {
    return nameContains.map(NameFolding::fold);
  }

  /** Whether {@code entry} is one the request asks for (its id aside). */
  public boolean matches(AddressEntry entry) {
    return foldedNameContains()
        .map(folded -> NameFolding.fold(entry.fullName()).contains(folded))
        .orElse(true);
  }
}
