package org.addrservice.edge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.addrservice.errors.DomainErrors;
import org.addrservice.errors.JsonErrorHandler;
import org.addrservice.http.RequestBody;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads every request body whole before the request goes on, without blocking a thread, into a copy
 * of at most {@code limits.maxBodySize} bytes. A client that sends its body slowly thus holds
 * neither a thread nor a place under the overload limit behind this gate, only its connection and
 * the bytes it has sent, and only for as long as it keeps up the minimum rate.
 *
 * <p>A body announced longer than the limit is refused before a byte of it is read (so no {@code
 * 100 Continue} goes out); a chunked one is refused once it grows past the limit. A body that
 * arrives, after a grace period, at a lower average rate than the minimum is cut off by a timer,
 * whether or not another byte comes. Nothing of a refused body reaches the service.
 *
 * <p>All the bodies on their way in, or read and waiting for their answer, share one bound of
 * memory ({@link BodyMemory}): each takes its announced length (a chunked one, the most a body may
 * hold) until its request is answered, and one that would take more than is left is refused at once
 * with 503, as the overload limit refuses a request it has no room for.
 */
public final class BodyGate extends Handler.Wrapper {

  private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

  private static final String TOO_SLOW = "Request body too slow";

  private final int maxBytes;
  private final long minBytesPerSecond;
  private final long graceNanos;
  private final BodyMemory memory;

  /**
   * @param maxBytes the longest body let through
   * @param minBytesPerSecond the lowest average rate a body may arrive at once the grace is over
   * @param grace how long a body may take before its rate counts
   * @param memory the most bytes all bodies on their way in or waiting for their answer may take
   */
  public BodyGate(long maxBytes, long minBytesPerSecond, Duration grace, long memory) {
    if (maxBytes < 1 || maxBytes >= Integer.MAX_VALUE || minBytesPerSecond < 1) {
      throw new IllegalArgumentException(
          "limits out of range: " + maxBytes + " bytes at " + minBytesPerSecond + " bytes/s");
    }
    if (memory < maxBytes) {
      throw new IllegalArgumentException(
          "the memory for bodies (" + memory + " bytes) must hold one of " + maxBytes);
    }
    this.maxBytes = (int) maxBytes;
    this.minBytesPerSecond = minBytesPerSecond;
    this.graceNanos = grace.toNanos();
    this.memory = new BodyMemory(memory);
  }

  /** The bytes no body holds now. */
  public long memoryFree() {
    return memory.free();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!RequestBody.isAnnounced(request)) {
      return super.handle(request, response, callback);
    }
    if (request.getLength() > maxBytes) {
      refuseAsTooLarge(request, response, callback);
      return true;
    }
    long reserved = request.getLength() >= 0 ? request.getLength() : maxBytes;
    if (!memory.reserve(reserved)) {
      JsonErrorHandler.refuse(
          request,
          response,
          callback,
          HttpStatus.SERVICE_UNAVAILABLE_503,
          HttpStatus.getMessage(HttpStatus.SERVICE_UNAVAILABLE_503),
          List.of("too many request bodies are on their way in; retry later"));
      return true;
    }
    Callback releasing = Callback.from(callback, () -> memory.release(reserved));
    new Load(request, response, releasing).start();
    return true;
  }

  private void refuseAsTooLarge(Request request, Response response, Callback callback) {
    JsonErrorHandler.refuse(
        request,
        response,
        callback,
        HttpStatus.PAYLOAD_TOO_LARGE_413,
        DomainErrors.BODY_TOO_LARGE,
        DomainErrors.bodyTooLargeErrors(maxBytes));
  }

  /** One body on its way in: read as it comes, watched by a timer, answered exactly once. */
  private final class Load implements Promise.Invocable<byte[]> {

    private final BodyArrivals arrivals;
    private final Response response;
    private final Callback callback;
    private final Scheduler scheduler;
    private final long started = NanoTime.now();
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile Scheduler.Task rateCheck;

    Load(Request request, Response response, Callback callback) {
      this.arrivals = new BodyArrivals(request);
      this.response = response;
      this.callback = callback;
      this.scheduler = request.getComponents().getScheduler();
    }

    void start() {
      Content.Source.asByteArrayAsync(arrivals, maxBytes, this);
      // Most bodies come with their head, and are served by now: no timer needed.
      if (!settled.get()) {
        checkRateIn(graceNanos - NanoTime.since(started));
      }
    }

    private void checkRateIn(long nanos) {
      Scheduler.Task task = scheduler.schedule(this::checkRate, nanos, TimeUnit.NANOSECONDS);
      rateCheck = task;
      if (settled.get()) {
        // Answered meanwhile, perhaps before settle() could see this task.
        task.cancel();
      }
    }

    @Override
    public InvocationType getInvocationType() {
      // The next handler runs on the thread that completes the body, and it may block.
      return InvocationType.BLOCKING;
    }

    @Override
    public void succeeded(byte[] body) {
      if (!settle()) {
        return;
      }
      Request buffered = new BufferedBody(arrivals.getWrapped(), body);
      try {
        if (!getHandler().handle(buffered, response, callback)) {
          Response.writeError(buffered, response, callback, HttpStatus.NOT_FOUND_404);
        }
      } catch (Throwable failure) {
        Response.writeError(buffered, response, callback, failure);
      }
    }

    @Override
    public void failed(Throwable failure) {
      if (!settle()) {
        return;
      }
      Request request = arrivals.getWrapped();
      // Ends the read now: failing it once the answer is on its way could fail the answer.
      request.fail(failure);
      if (arrivals.count() > maxBytes) {
        refuseAsTooLarge(request, response, callback);
      } else if (failure instanceof TimeoutException) {
        // Jetty's idle timeout: the client sent nothing for that long.
        refuse(
            HttpStatus.REQUEST_TIMEOUT_408,
            TOO_SLOW,
            "no more of the body came within the idle time");
      } else if (failure instanceof IOException) {
        // The client hung up, or its connection broke, before the body ended.
        refuse(HttpStatus.BAD_REQUEST_400, "Incomplete request body", "the body ended early");
      } else {
        // Malformed framing (its own 4xx), or a bug (500, logged with its trace).
        Response.writeError(request, response, callback, failure);
      }
    }

    /**
     * Runs when the grace is over, then whenever the body, if no more of it came, would fall below
     * the minimum average rate.
     */
    private void checkRate() {
      if (settled.get()) {
        return;
      }
      long elapsed = NanoTime.since(started);
      long due = arrivals.count() * NANOS_PER_SECOND / minBytesPerSecond;
      if (due > elapsed) {
        checkRateIn(due - elapsed);
        return;
      }
      if (!settle()) {
        return;
      }
      // Stops the read; what the client sends from now on is dropped with the connection.
      arrivals
          .getWrapped()
          .fail(new TimeoutException("request body slower than " + minBytesPerSecond + " B/s"));
      refuse(
          HttpStatus.REQUEST_TIMEOUT_408,
          TOO_SLOW,
          "the body must arrive at " + minBytesPerSecond + " bytes a second or faster");
    }

    private void refuse(int code, String message, String detail) {
      JsonErrorHandler.refuse(
          arrivals.getWrapped(), response, callback, code, message, List.of(detail));
    }

    /** Whether this call is the one that answers; stops the timer if so. */
    private boolean settle() {
      if (!settled.compareAndSet(false, true)) {
        return false;
      }
      Scheduler.Task task = rateCheck;
      if (task != null) {
        task.cancel();
      }
      return true;
    }
  }

  /** The request as the next handler sees it: its body is the copy read ahead. */
  private static final class BufferedBody extends Request.Wrapper {

    private final Content.Source body;

    BufferedBody(Request request, byte[] bytes) {
      super(request);
      this.body = new ByteBufferContentSource(ByteBuffer.wrap(bytes));
    }

    @Override
    public Content.Chunk read() {
      return body.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
      body.demand(demandCallback);
    }
  }
}
