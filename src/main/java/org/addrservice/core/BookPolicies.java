package org.addrservice.core;

import java.time.Duration;

/**
 * What the address book allows, as configured.
 *
 * @param idempotencyWindow how long an idempotency key is remembered after its first create
 * @param requireIfMatch whether every replace, patch and delete must state the version it changes
 * @param maxPageSize the most entries one page holds, and what a page holds when the client names
 *     no limit
 * @param maxPageBytes the most bytes of stored JSON one page holds, unless its first entry alone is
 *     larger: what bounds the memory a page takes, whatever clients stored
 * @param pageMemory the most bytes of stored JSON all pages being read and answered at once hold
 *     together, but for their first entries: what bounds the memory a crowd of readers takes
 */
public record BookPolicies(
    Duration idempotencyWindow,
    boolean requireIfMatch,
    int maxPageSize,
    long maxPageBytes,
    long pageMemory) {

  public static final BookPolicies DEFAULTS =
      new BookPolicies(
          AddressBookService.DEFAULT_IDEMPOTENCY_WINDOW,
          false,
          AddressBookService.DEFAULT_MAX_PAGE_SIZE,
          AddressBookService.DEFAULT_MAX_PAGE_BYTES,
          AddressBookService.DEFAULT_PAGE_MEMORY);

  public BookPolicies {
    if (idempotencyWindow.isNegative() || idempotencyWindow.isZero()) {
      throw new IllegalArgumentException("the idempotency window must be positive");
    }
    if (maxPageSize < 1) {
      throw new IllegalArgumentException("a page holds at least one entry, not " + maxPageSize);
    }
    if (maxPageBytes < 1) {
      throw new IllegalArgumentException("a page holds at least one byte, not " + maxPageBytes);
    }
    if (pageMemory < maxPageBytes) {
      throw new IllegalArgumentException(
          "the page memory (" + pageMemory + " bytes) must hold a page of " + maxPageBytes);
    }
  }

  public BookPolicies withIdempotencyWindow(Duration window) {
    return new BookPolicies(window, requireIfMatch, maxPageSize, maxPageBytes, pageMemory);
  }

  public BookPolicies withRequireIfMatch(boolean required) {
    return new BookPolicies(idempotencyWindow, required, maxPageSize, maxPageBytes, pageMemory);
  }

  public BookPolicies withMaxPageSize(int size) {
    return new BookPolicies(idempotencyWindow, requireIfMatch, size, maxPageBytes, pageMemory);
  }

  public BookPolicies withMaxPageBytes(long bytes) {
    return new BookPolicies(
        idempotencyWindow, requireIfMatch, maxPageSize, bytes, Math.max(bytes, pageMemory));
  }

  public BookPolicies withPageMemory(long bytes) {
    return new BookPolicies(idempotencyWindow, requireIfMatch, maxPageSize, maxPageBytes, bytes);
  }
}
