package org.addrservice.core.model;

import java.util.Set;

/**
 * The condition a write is made on: what a client said about the version it means to change.
 * Nothing, "whichever version is stored", or one of a few versions it has seen. A version it could
 * not have seen (a malformed tag) is simply one that matches nothing. A store checks it and writes
 * in one atomic step, so two writers that read the same version cannot both succeed.
 */
public record Precondition(Kind kind, Set<Long> versions) {

  /** The three things a client can say. */
  public enum Kind {
    /** No condition was sent. */
    NONE,
    /** Any stored version will do ({@code If-Match: *}). */
    ANY,
    /** Only one of {@link #versions()}. */
    VERSIONS
  }

  public static final Precondition NONE = new Precondition(Kind.NONE, Set.of());
  public static final Precondition ANY = new Precondition(Kind.ANY, Set.of());

  public Precondition {
    versions = Set.copyOf(versions);
  }

  public static Precondition oneOf(Set<Long> versions) {
    return new Precondition(Kind.VERSIONS, versions);
  }

  /** The write applies only while the stored version is {@code version}. */
  public static Precondition exactly(long version) {
    return oneOf(Set.of(version));
  }

  /** Whether the client stated a condition at all, even "any version". */
  public boolean isPresent() {
    return kind != Kind.NONE;
  }

  /** Whether the write applies to whatever version is stored. */
  public boolean isUnconditional() {
    return kind != Kind.VERSIONS;
  }

  /** Whether no stored version at all can pass: the client named none that exists. */
  public boolean isUnsatisfiable() {
    return kind == Kind.VERSIONS && versions.isEmpty();
  }

  /** Whether the stored {@code version} is one the client means. */
  public boolean allows(long version) {
    return kind != Kind.VERSIONS || versions.contains(version);
  }
}
