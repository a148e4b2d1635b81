package org.addrservice.store.sql;

import com.codahale.metrics.Histogram;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.addrservice.core.port.StoreException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the writes of many requests in one transaction, so that they share one flush to disk.
 *
 * <p>A database with one writer and a synchronous commit (SQLite with {@code synchronous=FULL}) can
 * commit only as often as the disk can flush: a few hundred times a second on a disk where a flush
 * takes a few milliseconds, however fast everything else is. Here one thread owns the writes. It
 * takes every write that is waiting, up to {@value #MAX_BATCH}, runs each inside its own savepoint,
 * commits once and only then answers each caller. A write that fails is rolled back to its
 * savepoint and fails alone; a commit that fails fails every write of the batch, none of which took
 * effect. Writes that arrive while a batch commits wait for the next one, so batches grow with the
 * load and a lone write is committed at once.
 *
 * <p>Each request waits for its own write to be on disk, but shares the flush with its batch. A
 * caller that waits too long is told the database is unavailable only when its write is withdrawn
 * before it began, so that the failure leaves no trace; a write that has begun is waited for to its
 * end. Stopping commits every write that was submitted before and refuses later ones.
 */
final class GroupCommit implements SqlWrites, Managed {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /** The most writes one transaction holds: enough for any number of connections a pool serves. */
  static final int MAX_BATCH = 256;

  /**
   * How long a caller waits for its batch to begin. A disk that keeps writes waiting this long is
   * in trouble; the caller is told so rather than held forever.
   */
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String SAVEPOINT = "write";

  private final Jdbi jdbi;
  private final String name;
  private final Histogram writesPerCommit;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Object lifecycle = new Object();
  private final Pending<Void> endOfWrites = new Pending<>(daos -> null);
  private final Duration wait;
  private Thread writer;
  private boolean stopped;

  /**
   * @param name the database's name in messages and thread names
   * @param writesPerCommit takes the number of writes of every successful commit
   */
  GroupCommit(Jdbi jdbi, String name, Histogram writesPerCommit) {
    this(jdbi, name, writesPerCommit, WAIT);
  }

  /**
   * @param wait how long a caller waits for its write to begin before it is withdrawn
   */
  GroupCommit(Jdbi jdbi, String name, Histogram writesPerCommit, Duration wait) {
    this.jdbi = jdbi;
    this.name = name;
    this.writesPerCommit = writesPerCommit;
    this.wait = wait;
  }

  /** A write waiting for its batch, and how it ended. */
  private static final class Pending<T> {
    final Function<HandleDaos, T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

    Pending(Function<HandleDaos, T> work) {
      this.work = work;
    }

    /**
     * Claims the write, for the writer to run it or for its caller to withdraw it: whichever claims
     * it first has it, so a write is either run or withdrawn, never both.
     */
    boolean claim() {
      return claimed.compareAndSet(false, true);
    }

    /** Runs the work in its own savepoint; answers how to tell the caller once committed. */
    Runnable runIn(HandleDaos daos) {
      Handle handle = daos.handle();
      handle.savepoint(SAVEPOINT);
      try {
        T value = work.apply(daos);
        handle.releaseSavepoint(SAVEPOINT);
        return () -> result.complete(value);
      } catch (RuntimeException e) {
        // Jdbi forgets a savepoint once rolled back to: there is nothing left to release.
        handle.rollbackToSavepoint(SAVEPOINT);
        return () -> result.completeExceptionally(e);
      }
    }
  }

  @Override
  public void start() {
    synchronized (lifecycle) {
      startWriter();
    }
  }

  private void startWriter() {
    if (writer == null && !stopped) {
      writer = new Thread(this::commitUntilStopped, name + "-group-commit");
      writer.setDaemon(true);
      writer.start();
    }
  }

  @Override
  public void stop() throws InterruptedException {
    Thread running;
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
      queue.add(endOfWrites);
      running = writer;
    }
    if (running != null) {
      running.join(wait.toMillis());
    }
  }

  /** Every write of a batch runs in its own savepoint, so every write is atomic here. */
  @Override
  public <T> T run(Function<HandleDaos, T> write) {
    return runAtomically(write);
  }

  @Override
  public <T> T runAtomically(Function<HandleDaos, T> write) {
    Pending<T> pending = new Pending<>(write);
    synchronized (lifecycle) {
      if (stopped) {
        throw new StoreException("the " + name + " store is closed");
      }
      startWriter();
      queue.add(pending);
    }
    return answer(pending);
  }

  /**
   * The result of {@code pending} once committed, or the failure that undid it. A caller that stops
   * waiting, because the wait ran out or it was interrupted, withdraws its write if it can, and
   * otherwise waits for the write's end.
   */
  private <T> T answer(Pending<T> pending) {
    try {
      return pending.result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (pending.claim()) {
        throw new StoreException(
            "the " + name + " database did not begin the write within " + wait.toSeconds() + " s",
            e);
      }
    }
    // Begun: its commit decides, and the caller must hear how.
    try {
      return pending.result.join();
    } catch (CompletionException e) {
      throw rethrown(e.getCause());
    }
  }

  private RuntimeException rethrown(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new StoreException("the " + name + " write failed", cause);
  }

  /** How many writes wait for the next batch. */
  int waiting() {
    return queue.size();
  }

  private void commitUntilStopped() {
    List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
    boolean ended = false;
    while (!ended) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Only stop() ends the writer, and it does so through the queue.
        continue;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      ended = batch.remove(endOfWrites);
      // A write its caller withdrew is dropped; the others can be withdrawn no more.
      batch.removeIf(pending -> !pending.claim());
      if (!batch.isEmpty()) {
        commit(batch);
      }
      batch.clear();
    }
  }

  private void commit(List<Pending<?>> batch) {
    try (Handle handle = jdbi.open()) {
      List<Runnable> answers = new ArrayList<>(batch.size());
      try {
        handle.begin();
        HandleDaos daos = new HandleDaos(handle);
        for (Pending<?> pending : batch) {
          answers.add(pending.runIn(daos));
        }
        handle.commit();
        writesPerCommit.update(batch.size());
      } catch (RuntimeException | Error e) {
        rollBack(handle);
        throw e;
      }
      answers.forEach(Runnable::run);
    } catch (RuntimeException | Error e) {
      StoreException failure =
          new StoreException(
              "the " + name + " database is unavailable: could not commit: " + e.getMessage(), e);
      // Answers already given (the commit succeeded, closing the handle failed) stay as they are.
      batch.forEach(pending -> pending.result.completeExceptionally(failure));
    }
  }

  private void rollBack(Handle handle) {
    try {
      handle.rollback();
    } catch (RuntimeException e) {
      LOG.warn("could not roll back a failed batch of {} writes", name, e);
    }
  }
}
