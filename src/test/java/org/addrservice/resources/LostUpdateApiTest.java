package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Many clients read an entry, change it and write it back with {@code If-Match}, all at once: every
 * write that got a 2xx is in the final entry, and none that got 412 is. The entry's {@code
 * full_name} is a counter each successful write increments, so a lost update would show as a count
 * below the number of successes.
 */
class LostUpdateApiTest {

  private static final int CLIENTS = 8;
  private static final int ATTEMPTS_EACH = 20;
  private static final String JSON = "application/json";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void concurrentReadModifyWritesOnOneInstanceLoseNoUpdate() throws Exception {
    Path database = Path.of("target", "lost-update", System.nanoTime() + ".db");
    DropwizardTestSupport<AddrServiceConfiguration> app =
        start("config/sqlite.yml", "store.file", database.toString());
    try {
      assertNoUpdateIsLost(List.of(app.getLocalPort()));
    } finally {
      app.after();
    }
  }

  @Test
  @EnabledIfEnvironmentVariable(
      named = TestPostgres.URL_VARIABLE,
      matches = ".+",
      disabledReason = TestPostgres.HOW_TO_RUN)
  void concurrentReadModifyWritesThroughTwoInstancesOnOnePostgresLoseNoUpdate() throws Exception {
    String url = TestPostgres.url();
    DropwizardTestSupport<AddrServiceConfiguration> first =
        start("config/postgres.yml", "store.database.url", url);
    try {
      DropwizardTestSupport<AddrServiceConfiguration> second =
          start("config/postgres.yml", "store.database.url", url);
      try {
        assertNoUpdateIsLost(List.of(first.getLocalPort(), second.getLocalPort()));
      } finally {
        second.after();
      }
    } finally {
      first.after();
    }
  }

  /**
   * Client {@code i} goes to instance {@code i % ports}; even clients replace with PUT, odd ones
   * patch with a merge patch, both with If-Match.
   */
  private void assertNoUpdateIsLost(List<Integer> ports) throws Exception {
    String location = create(ports.get(0));
    AtomicInteger successes = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int port = ports.get(c % ports.size());
        boolean patch = c % 2 == 1;
        done.add(
            clients.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < ATTEMPTS_EACH; i++) {
                    int status = readModifyWrite(port, location, patch);
                    if (status == 204) {
                      successes.incrementAndGet();
                    } else {
                      assertThat(status).isEqualTo(412);
                      conflicts.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> client : done) {
        client.get(5, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }

    HttpResponse<String> last = get(ports.get(ports.size() - 1), location);
    assertThat(successes.get() + conflicts.get()).isEqualTo(CLIENTS * ATTEMPTS_EACH);
    assertThat(successes.get()).isPositive();
    // Without a write that lost a race, the test would not show that a stale one is refused.
    assertThat(conflicts.get()).as("writes refused with 412").isPositive();
    assertThat(Fixtures.exactJson(last.body()).get("full_name").asText())
        .isEqualTo(Integer.toString(successes.get()));
    assertThat(last.headers().firstValue("ETag")).hasValue("\"" + (successes.get() + 1) + "\"");
  }

  private int readModifyWrite(int port, String location, boolean patch) throws Exception {
    HttpResponse<String> read = get(port, location);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    int count = Integer.parseInt(Fixtures.exactJson(read.body()).get("full_name").asText());
    String next = "\"" + (count + 1) + "\"";
    HttpRequest.Builder write =
        HttpRequest.newBuilder(uri(port, location))
            .timeout(Duration.ofSeconds(60))
            .header("If-Match", etag);
    if (patch) {
      write
          .header("Content-Type", "application/merge-patch+json")
          .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"full_name\": " + next + "}"));
    } else {
      write
          .header("Content-Type", JSON)
          .PUT(HttpRequest.BodyPublishers.ofString("{\"full_name\": " + next + "}"));
    }
    return http.send(write.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String create(int port) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(uri(port, "/addresses"))
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{\"full_name\": \"0\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    return created.headers().firstValue("Location").orElseThrow();
  }

  private HttpResponse<String> get(int port, String location) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri(port, location)).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer;
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Starts the application on {@code config} with one setting overridden. */
  private static DropwizardTestSupport<AddrServiceConfiguration> start(
      String config, String key, String value) throws Exception {
    DropwizardTestSupport<AddrServiceConfiguration> app =
        new DropwizardTestSupport<>(
            AddrServiceApplication.class,
            Fixtures.path(config).toString(),
            ConfigOverride.config(key, value));
    app.before();
    return app;
  }
}
