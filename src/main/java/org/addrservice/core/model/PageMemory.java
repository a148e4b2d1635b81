package org.addrservice.core.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stored JSON that all pages being read and answered at once may hold together. Each page holds
 * a {@link Share}: it takes the bytes of each entry as it admits it, and gives them all back once
 * its answer is written. A page whose next entry finds too little memory free ends there, as it
 * ends at its own byte limit, and the {@code Link} header leads on: under a crowd of readers pages
 * get shorter, rather than the heap running out or a reader being refused. Its first entry every
 * page takes whatever is free, so that the walk always goes on.
 */
public final class PageMemory {

  private final long capacity;
  private final AtomicLong free;

  /** Memory for pages that may hold {@code bytes} of stored JSON together. */
  public PageMemory(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("pages need at least one byte, not " + bytes);
    }
    this.capacity = bytes;
    this.free = new AtomicLong(bytes);
  }

  /** Memory that never runs short: for a page read outside the service's bound. */
  public static PageMemory unbounded() {
    return new PageMemory(Long.MAX_VALUE);
  }

  /** A new, empty share, for one page. */
  public Share share() {
    return new Share();
  }

  /** The bytes no page holds now; may be below zero while first entries overdraw it. */
  public long free() {
    return free.get();
  }

  public long capacity() {
    return capacity;
  }

  /** What one page holds of the memory, given back once, when the page is done with. */
  public final class Share implements AutoCloseable {

    private final AtomicLong held = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Share() {}

    /** Takes {@code bytes} if that many are free; answers whether it did. */
    public boolean tryTake(long bytes) {
      long now = free.get();
      while (now >= bytes) {
        if (free.compareAndSet(now, now - bytes)) {
          held.addAndGet(bytes);
          return true;
        }
        now = free.get();
      }
      return false;
    }

    /** Takes {@code bytes} whether or not they are free: a page's first entry. */
    public void take(long bytes) {
      free.addAndGet(-bytes);
      held.addAndGet(bytes);
    }

    public long held() {
      return held.get();
    }

    /** Gives back everything this share took; later calls do nothing. */
    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        free.addAndGet(held.get());
      }
    }
  }
}
