package org.addrservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.RawHttp;
import org.addrservice.testing.RawHttp.SlowRequest;
import org.addrservice.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the real jar while requests are in flight: readiness turns 503 while the API still
 * answers, then the server stops accepting connections, lets every request in flight finish with
 * its answer, and exits; what those requests wrote is there after a restart.
 */
class GracefulStopIT {

  private static final Duration WAIT_PERIOD = Duration.ofMillis(1500);
  private static final Duration GRACE_PERIOD = Duration.ofSeconds(10);

  /** What the JVM answers for an orderly exit started by SIGTERM: 128 + 15. */
  private static final int EXIT_ON_SIGTERM = 143;

  /** Leading whitespace a slow client sends before its entry, and how fast: 20 s at most. */
  private static final int PADDING = 200;

  private static final Duration PACE = Duration.ofMillis(100);

  private static final String ACTIVE_REQUESTS =
      "io.dropwizard.jetty.MutableServletContextHandler.active-requests";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void sigtermLetsRequestsInFlightFinishAndTurnsReadinessRedFirst(@TempDir Path directory)
      throws Exception {
    String[] overrides = {
      "dw.store.file=" + directory.resolve("addressbook.db"),
      "dw.health.shutdownWaitPeriod=" + WAIT_PERIOD.toMillis() + "ms",
      "dw.server.shutdownGracePeriod=" + GRACE_PERIOD.toSeconds() + "s"
    };
    Path config = Fixtures.path("config/process-graceful-stop.yml");
    List<String> entries = Fixtures.validEntries().stream().limit(4).map(Fixtures::text).toList();
    List<RawHttp.Answer> answers = new ArrayList<>();

    try (ServiceProcess service =
        ServiceProcess.start(config, ServiceProcess.logFile("graceful-stop-1"), overrides)) {
      assertThat(get(service.adminUri("/health-check?type=ready")).statusCode()).isEqualTo(200);

      AtomicBoolean released = new AtomicBoolean();
      ExecutorService clients = Executors.newFixedThreadPool(entries.size());
      try {
        List<Future<RawHttp.Answer>> inFlight = new ArrayList<>();
        for (String entry : entries) {
          inFlight.add(clients.submit(() -> trickle(service.port(), entry, released)));
        }
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> activeRequests(service) == entries.size());

        long signalled = System.nanoTime();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(service::terminate);

        await()
            .atMost(WAIT_PERIOD)
            .pollInterval(Duration.ofMillis(20))
            .until(() -> get(service.adminUri("/health-check?type=ready")).statusCode() == 503);
        assertThat(get(service.uri("/addresses")).statusCode())
            .as("the API still answers while readiness is red")
            .isEqualTo(200);

        await()
            .atMost(WAIT_PERIOD.plusSeconds(5))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> refusesConnections(service.port()));
        assertThat(exit).as("the process waits for the requests in flight").isNotDone();

        released.set(true);
        for (Future<RawHttp.Answer> request : inFlight) {
          answers.add(request.get(10, TimeUnit.SECONDS));
        }

        int code = exit.get(GRACE_PERIOD.plusSeconds(10).toSeconds(), TimeUnit.SECONDS);
        Duration stopped = Duration.ofNanos(System.nanoTime() - signalled);
        assertThat(code).isEqualTo(EXIT_ON_SIGTERM);
        assertThat(stopped).isLessThan(WAIT_PERIOD.plus(GRACE_PERIOD).plusSeconds(5));
      } finally {
        released.set(true);
        clients.shutdownNow();
      }
    }

    assertThat(answers)
        .as("every request in flight at SIGTERM got its answer")
        .allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(201));

    try (ServiceProcess restarted =
        ServiceProcess.start(config, ServiceProcess.logFile("graceful-stop-2"), overrides)) {
      for (int i = 0; i < entries.size(); i++) {
        String location = answers.get(i).headers().get("location");
        HttpResponse<String> read = get(restarted.uri(URI.create(location).getPath()));
        assertThat(read.statusCode()).as("GET " + location).isEqualTo(200);
        assertThat(Fixtures.exactJson(read.body())).isEqualTo(Fixtures.exactJson(entries.get(i)));
      }
    }
  }

  /**
   * POSTs {@code entry} the way a slow client does: one byte of leading whitespace at a time until
   * {@code released}, then the rest. The client is never silent for as long as the server's
   * shutdown idle timeout (Jetty's 1 s), so the server has no reason to give up on it.
   */
  private static RawHttp.Answer trickle(int port, String entry, AtomicBoolean released)
      throws InterruptedException {
    byte[] body = (" ".repeat(PADDING) + entry).getBytes(StandardCharsets.UTF_8);
    try (SlowRequest request = SlowRequest.open(port, postHead(body.length))) {
      int sent = 0;
      while (!released.get() && sent < PADDING) {
        request.send(new byte[] {' '});
        sent++;
        Thread.sleep(PACE.toMillis());
      }
      return request.finish(Arrays.copyOfRange(body, sent, body.length));
    }
  }

  private static String postHead(int contentLength) {
    return "POST /addresses HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: "
        + contentLength
        + "\r\n"
        + "Connection: close\r\n"
        + "\r\n";
  }

  private long activeRequests(ServiceProcess service) throws Exception {
    HttpResponse<String> metrics = get(service.adminUri("/metrics"));
    return Fixtures.exactJson(metrics.body())
        .path("counters")
        .path(ACTIVE_REQUESTS)
        .path("count")
        .asLong(-1);
  }

  private static boolean refusesConnections(int port) throws IOException {
    try {
      new Socket(InetAddress.getLoopbackAddress(), port).close();
      return false;
    } catch (ConnectException refused) {
      return true;
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
