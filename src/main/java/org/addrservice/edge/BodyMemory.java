package org.addrservice.edge;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all request bodies on their way in, or read and waiting for their answer, share: a
 * body takes its part before it is read and gives it back once its request is answered, and a body
 * that would take more than is left gets none.
 */
final class BodyMemory {

  private final AtomicLong free;

  BodyMemory(long bytes) {
    this.free = new AtomicLong(bytes);
  }

  /** The bytes no body holds now. */
  long free() {
    return free.get();
  }

  /** Takes {@code bytes} when that many are free; answers whether it did. */
  boolean reserve(long bytes) {
    long left = free.get();
    while (left >= bytes) {
      if (free.compareAndSet(left, left - bytes)) {
        return true;
      }
      left = free.get();
    }
    return false;
  }

  /** Gives back {@code bytes} that {@link #reserve} took. */
  void release(long bytes) {
    free.addAndGet(bytes);
  }
}
