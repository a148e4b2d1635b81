package org.addrservice.util;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Walks the chain of causes of a failure, the failure itself first. A chain that loops back on
 * itself is walked once.
 */
public final class Causes {

  private Causes() {}

  /** The first throwable of {@code failure}'s chain that {@code wanted} accepts. */
  public static Optional<Throwable> find(Throwable failure, Predicate<Throwable> wanted) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      if (wanted.test(cause)) {
        return Optional.of(cause);
      }
    }
    return Optional.empty();
  }

  /** The last throwable of {@code failure}'s chain: the one that has no cause. */
  public static Throwable root(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable root = failure;
    while (root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    return root;
  }
}
