package org.addrservice.core.model;

import java.util.Set;

/**
 * What a client said about the version it means to change: nothing, "whichever version is stored",
 * or one of a few versions it has seen. A version it could not have seen (a malformed tag) is
 * simply one that matches nothing.
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

  public boolean isPresent() {
    return kind != Kind.NONE;
  }

  /** Whether the stored {@code version} is one the client means. */
  public boolean allows(long version) {
    return kind != Kind.VERSIONS || versions.contains(version);
  }
}
