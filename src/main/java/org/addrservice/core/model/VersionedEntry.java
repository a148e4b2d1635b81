package org.addrservice.core.model;

import java.util.Objects;

/**
 * An entry as a store keeps it, with its version: 1 when it is created, one more at every replace.
 * Two reads that see the same version saw the same entry.
 */
public record VersionedEntry(AddressEntry entry, long version) {

  public VersionedEntry {
    Objects.requireNonNull(entry, "entry");
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1, was " + version);
    }
  }
}
