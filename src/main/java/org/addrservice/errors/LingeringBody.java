package org.addrservice.errors;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * What is left of the body of a request that was refused on its head, read and dropped for a moment
 * after the answer has gone out, before the connection closes. A client that sends its body without
 * waiting for {@code 100 Continue} is still sending when the refusal comes; were the connection
 * closed at once, the bytes still arriving would make the kernel reset it, and the client would
 * read the reset instead of the answer. Reading goes on without a thread, for at most {@link
 * #MAX_TIME} and {@link #MAX_BYTES}, so that lingering costs an attacker's connection no more than
 * that: the body is never let in.
 */
final class LingeringBody implements Runnable {

  static final Duration MAX_TIME = Duration.ofSeconds(2);

  static final long MAX_BYTES = 4L << 20;

  private final Request request;
  private final Callback callback;
  private final AtomicBoolean done = new AtomicBoolean();
  private long dropped;
  private volatile Scheduler.Task deadline;

  private LingeringBody(Request request, Callback callback) {
    this.request = request;
    this.callback = callback;
  }

  /**
   * A callback for the refusal's write: once the answer is out, drops what comes of the body for a
   * moment, then completes {@code callback}, which lets Jetty close the connection.
   */
  static Callback afterTheAnswer(Request request, Callback callback) {
    return Callback.from(() -> new LingeringBody(request, callback).start(), callback::failed);
  }

  private void start() {
    deadline =
        request
            .getComponents()
            .getScheduler()
            .schedule(this::finish, MAX_TIME.toMillis(), TimeUnit.MILLISECONDS);
    run();
  }

  @Override
  public void run() {
    while (!done.get()) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      dropped += chunk.remaining();
      boolean over = chunk.isLast() || Content.Chunk.isFailure(chunk) || dropped > MAX_BYTES;
      chunk.release();
      if (over) {
        finish();
        return;
      }
    }
  }

  private void finish() {
    if (done.compareAndSet(false, true)) {
      Scheduler.Task task = deadline;
      if (task != null) {
        task.cancel();
      }
      callback.succeeded();
    }
  }
}
