package org.addrservice.edge;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * The {@code overload:} section: how many API requests are handled at once, and how many wait for
 * their turn and for how long. A request beyond both answers 503 at once, so that a flood costs the
 * service neither threads nor memory; the admin port is not limited, so health checks still answer.
 * {@code maxConcurrentRequests} must leave {@value #THREADS_LEFT_TO_JETTY} of {@code
 * server.maxThreads} to Jetty.
 */
public class OverloadFactory {

  /**
   * Threads of the pool that {@code maxConcurrentRequests} may not take: Jetty's acceptors,
   * selectors and reserved threads, and the tasks that resume queued requests and close
   * connections.
   */
  public static final int THREADS_LEFT_TO_JETTY = 8;

  @Min(1)
  @Max(10_000)
  private int maxConcurrentRequests = 64;

  @Min(0)
  @Max(100_000)
  private int maxQueuedRequests = 256;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration maxQueueWait = Duration.seconds(1);

  @JsonProperty
  public int getMaxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  @JsonProperty
  public void setMaxConcurrentRequests(int maxConcurrentRequests) {
    this.maxConcurrentRequests = maxConcurrentRequests;
  }

  @JsonProperty
  public int getMaxQueuedRequests() {
    return maxQueuedRequests;
  }

  @JsonProperty
  public void setMaxQueuedRequests(int maxQueuedRequests) {
    this.maxQueuedRequests = maxQueuedRequests;
  }

  @JsonProperty
  public Duration getMaxQueueWait() {
    return maxQueueWait;
  }

  @JsonProperty
  public void setMaxQueueWait(Duration maxQueueWait) {
    this.maxQueueWait = maxQueueWait;
  }

  /** Jetty's handler that holds the bound: the requests it turns away answer 503. */
  public QoSHandler build() {
    QoSHandler handler = new QoSHandler();
    handler.setMaxRequestCount(maxConcurrentRequests);
    handler.setMaxSuspendedRequestCount(maxQueuedRequests);
    handler.setMaxSuspend(maxQueueWait.toJavaDuration());
    handler.setRejectStatusCode(HttpStatus.SERVICE_UNAVAILABLE_503);
    return handler;
  }
}
