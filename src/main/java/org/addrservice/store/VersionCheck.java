package org.addrservice.store;

import java.util.Set;

/**
 * The condition a write is made on: none, or that the stored entry's version is one of a few. The
 * store checks it and writes in one atomic step, so two writers that read the same version cannot
 * both succeed.
 */
public record VersionCheck(Set<Long> versions) {

  /** No condition: the write applies to whatever version is stored. */
  public static final VersionCheck ANY = new VersionCheck(null);

  public VersionCheck {
    if (versions != null) {
      versions = Set.copyOf(versions);
    }
  }

  /** The write applies only while the stored version is one of {@code versions}. */
  public static VersionCheck oneOf(Set<Long> versions) {
    return new VersionCheck(versions);
  }

  public static VersionCheck exactly(long version) {
    return new VersionCheck(Set.of(version));
  }

  public boolean isUnconditional() {
    return versions == null;
  }

  /** Whether no stored version at all can pass: the client named none that exists. */
  public boolean isUnsatisfiable() {
    return versions != null && versions.isEmpty();
  }

  /** Whether a write may replace (or delete) the stored {@code version}. */
  public boolean allows(long version) {
    return versions == null || versions.contains(version);
  }
}
