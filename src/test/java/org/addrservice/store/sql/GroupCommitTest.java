package org.addrservice.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.SlidingWindowReservoir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.addrservice.core.port.StoreException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on a real SQLite file with the store's settings: writes of many threads share
 * commits, each write is answered only once committed, and a failure touches only what it must.
 */
class GroupCommitTest {

  private static final int THREADS = 16;

  @TempDir Path directory;

  private Jdbi jdbi;
  private Histogram writesPerCommit;
  private GroupCommit groupCommit;
  private ExecutorService callers;

  @BeforeEach
  void openTheDatabase() {
    Properties pragmas = new Properties();
    pragmas.setProperty("journal_mode", "WAL");
    pragmas.setProperty("synchronous", "FULL");
    pragmas.setProperty("busy_timeout", "10000");
    pragmas.setProperty("transaction_mode", "IMMEDIATE");
    pragmas.setProperty("foreign_keys", "true");
    jdbi = Jdbi.create("jdbc:sqlite:" + directory.resolve("group.db"), pragmas);
    jdbi.useHandle(
        handle -> {
          handle.execute("CREATE TABLE parents (id INTEGER PRIMARY KEY)");
          handle.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
          handle.execute(
              "CREATE TABLE children (id INTEGER PRIMARY KEY, parent INTEGER"
                  + " REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)");
        });
    writesPerCommit = new Histogram(new SlidingWindowReservoir(10_000));
    groupCommit = new GroupCommit(jdbi, "test", writesPerCommit);
    groupCommit.start();
    callers = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    callers.shutdownNow();
    groupCommit.stop();
  }

  @Test
  void theWritesOfManyThreadsAreAllCommittedAndShareCommits() throws Exception {
    int writes = 2_000;
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < writes; i++) {
      int id = i;
      answers.add(callers.submit(() -> groupCommit.run(daos -> insertRow(daos.handle(), id))));
    }
    for (Future<Integer> answer : answers) {
      assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    }

    assertThat(rows()).isEqualTo(writes);
    assertThat(writesPerCommit.getSnapshot().getValues()).matches(sizes -> sum(sizes) == writes);
    assertThat(writesPerCommit.getCount())
        .as("commits for %d writes from %d threads", writes, THREADS)
        .isLessThan(writes);
  }

  @Test
  void aWriteIsAnsweredOnlyOnceItsBatchIsCommitted() throws Exception {
    CountDownLatch firstWriteRuns = new CountDownLatch(1);
    CountDownLatch letItFinish = new CountDownLatch(1);
    Future<Integer> first =
        callers.submit(
            () ->
                groupCommit.run(
                    daos -> {
                      insertRow(daos.handle(), 1);
                      firstWriteRuns.countDown();
                      waitFor(letItFinish);
                      return 1;
                    }));
    assertThat(firstWriteRuns.await(10, TimeUnit.SECONDS)).isTrue();
    Future<Integer> second =
        callers.submit(() -> groupCommit.run(daos -> insertRow(daos.handle(), 2)));

    awaitQueued(1);
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
    assertThat(rows()).as("rows another connection sees").isZero();

    letItFinish.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void aWriteThatFailsIsUndoneAloneAndTheRestOfItsBatchIsCommitted() throws Exception {
    CountDownLatch holdTheWriter = busyWriter();
    List<Future<Integer>> good = new ArrayList<>();
    for (int id = 1; id <= 5; id++) {
      int row = id;
      good.add(callers.submit(() -> groupCommit.run(daos -> insertRow(daos.handle(), row))));
    }
    Future<Integer> bad =
        callers.submit(
            () ->
                groupCommit.run(
                    daos -> {
                      insertRow(daos.handle(), 100);
                      // The same id again: the second insert fails and takes the first with it.
                      return insertRow(daos.handle(), 100);
                    }));
    for (int id = 6; id <= 10; id++) {
      int row = id;
      good.add(callers.submit(() -> groupCommit.run(daos -> insertRow(daos.handle(), row))));
    }
    awaitQueued(11);
    holdTheWriter.countDown();

    for (Future<Integer> answer : good) {
      assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThatExceptionOfType(ExecutionException.class)
        .isThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
        .withCauseInstanceOf(UnableToExecuteStatementException.class);
    assertThat(rows()).isEqualTo(10);
    assertThat(rowExists(100)).isFalse();
    assertThat(writesPerCommit.getSnapshot().getMax()).isEqualTo(11);
  }

  @Test
  void aCommitThatFailsFailsEveryWriteOfItsBatchAndStoresNone() throws Exception {
    CountDownLatch holdTheWriter = busyWriter();
    List<Future<Integer>> batch = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      int row = id;
      batch.add(callers.submit(() -> groupCommit.run(daos -> insertRow(daos.handle(), row))));
    }
    // A child of no parent: the statement succeeds, the deferred check fails the commit.
    batch.add(
        callers.submit(
            () ->
                groupCommit.run(
                    daos ->
                        daos.handle()
                            .execute("INSERT INTO children (id, parent) VALUES (1, 42)"))));
    awaitQueued(4);
    holdTheWriter.countDown();

    for (Future<Integer> answer : batch) {
      assertThatExceptionOfType(ExecutionException.class)
          .isThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
          .withCauseInstanceOf(StoreException.class)
          .withMessageContaining("could not commit");
    }
    assertThat(rows()).isZero();
    int inserted = groupCommit.run(daos -> insertRow(daos.handle(), 7));
    assertThat(inserted).as("the next batch commits").isEqualTo(1);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void stoppingCommitsWhatWasSubmittedAndRefusesWhatComesLater() throws Exception {
    CountDownLatch holdTheWriter = busyWriter();
    Future<Integer> queued =
        callers.submit(() -> groupCommit.run(daos -> insertRow(daos.handle(), 1)));
    awaitQueued(1);
    Future<?> stopping =
        callers.submit(
            () -> {
              groupCommit.stop();
              return null;
            });
    await().until(() -> queueLength() == 2);
    holdTheWriter.countDown();
    stopping.get(10, TimeUnit.SECONDS);

    assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(rows()).isEqualTo(1);
    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> groupCommit.run(daos -> insertRow(daos.handle(), 2)))
        .withMessage("the test store is closed");
  }

  @Test
  void aWriteThatDidNotBeginInTimeIsWithdrawnAndNeverRuns() throws Exception {
    waitAtMost(Duration.ofSeconds(1));
    CountDownLatch holdTheWriter = busyWriter();
    Future<Integer> late =
        callers.submit(() -> groupCommit.run(daos -> insertRow(daos.handle(), 2)));

    assertThatExceptionOfType(ExecutionException.class)
        .isThrownBy(() -> late.get(10, TimeUnit.SECONDS))
        .withCauseInstanceOf(StoreException.class)
        .withMessageContaining("did not begin the write");
    holdTheWriter.countDown();
    // Committed after everything queued before it, the late write included, had its turn.
    int inserted = groupCommit.run(daos -> insertRow(daos.handle(), 3));
    assertThat(inserted).isEqualTo(1);

    assertThat(rowExists(2)).as("the withdrawn write").isFalse();
    assertThat(rowExists(3)).isTrue();
  }

  @Test
  void aCallerInterruptedBeforeItsWriteBeganWithdrawsIt() throws Exception {
    CountDownLatch holdTheWriter = busyWriter();
    AtomicReference<Throwable> answer = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                groupCommit.run(daos -> insertRow(daos.handle(), 2));
              } catch (RuntimeException e) {
                answer.set(e);
              }
            });
    caller.start();
    awaitQueued(1);

    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(10));
    holdTheWriter.countDown();
    int inserted = groupCommit.run(daos -> insertRow(daos.handle(), 3));

    assertThat(caller.isAlive()).isFalse();
    assertThat(answer.get()).isInstanceOf(StoreException.class);
    assertThat(inserted).isEqualTo(1);
    assertThat(rowExists(2)).as("the withdrawn write").isFalse();
  }

  @Test
  void aWriteThatHasBegunIsWaitedForToItsEndThoughItTakesLongerThanTheWait() throws Exception {
    waitAtMost(Duration.ofMillis(200));
    CountDownLatch begun = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Future<Integer> slow =
        callers.submit(
            () ->
                groupCommit.run(
                    daos -> {
                      insertRow(daos.handle(), 1);
                      begun.countDown();
                      waitFor(finish);
                      return 1;
                    }));
    assertThat(begun.await(10, TimeUnit.SECONDS)).isTrue();

    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !slow.isDone());
    finish.countDown();

    assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(rowExists(1)).isTrue();
  }

  /** Replaces the group commit under test by one whose callers wait {@code wait} for a begin. */
  private void waitAtMost(Duration wait) throws InterruptedException {
    groupCommit.stop();
    groupCommit = new GroupCommit(jdbi, "test", writesPerCommit, wait);
    groupCommit.start();
  }

  private static int insertRow(Handle handle, int id) {
    return handle.execute("INSERT INTO rows (id, text) VALUES (?, ?)", id, "row " + id);
  }

  private static int waitFor(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return 0;
  }

  /**
   * Keeps the writer busy with a write of its own until the latch answered is counted down, so that
   * what is submitted meanwhile waits for the next batch.
   */
  private CountDownLatch busyWriter() throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    var unused =
        callers.submit(
            () ->
                groupCommit.run(
                    daos -> {
                      running.countDown();
                      return waitFor(release);
                    }));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  private void awaitQueued(int writes) {
    await().atMost(Duration.ofSeconds(10)).until(() -> queueLength() == writes);
  }

  private int queueLength() {
    return groupCommit.waiting();
  }

  private int rows() {
    return jdbi.withHandle(
        handle -> handle.createQuery("SELECT count(*) FROM rows").mapTo(Integer.class).one());
  }

  private boolean rowExists(int id) {
    return jdbi.withHandle(
        handle ->
            handle
                    .createQuery("SELECT count(*) FROM rows WHERE id = ?")
                    .bind(0, id)
                    .mapTo(Integer.class)
                    .one()
                == 1);
  }

  private static long sum(long[] values) {
    long sum = 0;
    for (long value : values) {
      sum += value;
    }
    return sum;
  }
}
