package org.addrservice.store.fs;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** A fixed set of locks, one of which each name maps to: enough to serialise work per name. */
final class LockStripes {

  private static final int STRIPES = 64;

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  LockStripes() {
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Runs {@code action} holding the stripe of {@code name}. */
  <T> T underLock(String name, Supplier<T> action) {
    ReentrantLock lock = locks[Math.floorMod(name.hashCode(), locks.length)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }
}
