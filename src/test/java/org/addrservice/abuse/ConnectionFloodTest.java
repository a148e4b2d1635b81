package org.addrservice.abuse;

import static org.addrservice.abuse.Abuse.assertErrorBody;
import static org.addrservice.abuse.Abuse.get;
import static org.addrservice.abuse.Abuse.rows;
import static org.addrservice.abuse.Abuse.shown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.FaultyApplication;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A flood of connections, many more than the server has threads, while every request the
 * application may serve at once is held inside the service: the flood is turned away fast with 503
 * and the JSON error body, the admin port's health check still answers, and the API serves again as
 * soon as the held requests end.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConnectionFloodTest {

  private static final int MAX_CONCURRENT_REQUESTS = 4;
  private static final int FLOOD = 200;
  private static final Duration MAX_QUEUE_WAIT = Duration.ofMillis(500);

  private static final Path DATABASE = newDirectory().resolve("addressbook.db");

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          FaultyApplication.class,
          Fixtures.path("config/sqlite.yml").toString(),
          ConfigOverride.config("store.file", DATABASE.toString()),
          ConfigOverride.config("server.minThreads", "8"),
          ConfigOverride.config("server.maxThreads", "16"),
          ConfigOverride.config(
              "overload.maxConcurrentRequests", String.valueOf(MAX_CONCURRENT_REQUESTS)),
          ConfigOverride.config("overload.maxQueuedRequests", "8"),
          ConfigOverride.config("overload.maxQueueWait", MAX_QUEUE_WAIT.toMillis() + "ms"));

  @Test
  void aFloodBeyondTheThreadPoolGetsFast503sWhileHealthStillAnswers() throws Exception {
    int port = APP.getLocalPort();
    ExecutorService clients = Executors.newFixedThreadPool(100);
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> holders = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONCURRENT_REQUESTS; i++) {
        holders.add(
            http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/faults/held"))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/addresses").status() == 503);

      List<Future<TimedAnswer>> flood = new ArrayList<>();
      for (int i = 0; i < FLOOD; i++) {
        flood.add(clients.submit(() -> timed(() -> get(port, "/addresses"))));
      }
      TimedAnswer health = timed(() -> get(APP.getAdminPort(), "/healthcheck"));

      assertThat(health.answer().status()).as(shown(health.answer())).isEqualTo(200);
      assertThat(health.took()).isLessThan(Duration.ofSeconds(2));
      for (Future<TimedAnswer> request : flood) {
        TimedAnswer answered = request.get();
        assertThat(answered.answer().status()).as(shown(answered.answer())).isEqualTo(503);
        assertErrorBody(answered.answer());
        JsonNode body = Fixtures.exactJson(answered.answer().body());
        assertThat(body.get("message").asText()).isEqualTo("Service Unavailable");
        assertThat(answered.took()).isLessThan(MAX_QUEUE_WAIT.plus(Duration.ofSeconds(3)));
      }
    } finally {
      APP.<FaultyApplication>getApplication().releaseHeldRequests();
      clients.shutdownNow();
    }
    for (CompletableFuture<HttpResponse<String>> held : holders) {
      assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/addresses").status() == 200);
    assertThat(rows(DATABASE)).isEmpty();
  }

  private record TimedAnswer(RawHttp.Answer answer, Duration took) {}

  private interface Request {
    RawHttp.Answer send();
  }

  private static TimedAnswer timed(Request request) {
    long started = System.nanoTime();
    RawHttp.Answer answer = request.send();
    return new TimedAnswer(answer, Duration.ofNanos(System.nanoTime() - started));
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("addrservice-flood");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
