package org.addrservice.core;

import java.util.Optional;
import java.util.SortedMap;
import org.addrservice.core.model.AddressEntry;

/**
 * One page of the book as the service answers it: the entries in id order and, when more follow,
 * the cursor of the next page, with the limit and search text that page is to be read with.
 */
public record BookPage(
    SortedMap<String, AddressEntry> entries,
    int limit,
    Optional<String> nameContains,
    Optional<String> nextCursor) {}
