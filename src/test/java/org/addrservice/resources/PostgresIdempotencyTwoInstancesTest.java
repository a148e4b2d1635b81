package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two instances of the application on one PostgreSQL database (that of {@link TestPostgres}) race
 * the same idempotency key: the database's primary key lets exactly one entry through.
 */
@EnabledIfEnvironmentVariable(
    named = TestPostgres.URL_VARIABLE,
    matches = ".+",
    disabledReason = TestPostgres.HOW_TO_RUN)
class PostgresIdempotencyTwoInstancesTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void twoInstancesRacingOneKeyStoreOneEntryAndAnswerOneLocation() throws Exception {
    TestPostgres.truncate();
    DropwizardTestSupport<AddrServiceConfiguration> first = start();
    DropwizardTestSupport<AddrServiceConfiguration> second = start();
    TestPostgres.truncate();
    String entry = Fixtures.text("entries/full.json");
    int perInstance = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2 * perInstance);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 2 * perInstance; i++) {
        int port = (i % 2 == 0 ? first : second).getLocalPort();
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return post(port, entry, "two-instances");
                }));
      }
      go.countDown();
      Set<String> locations = new HashSet<>();
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> created = answer.get(60, TimeUnit.SECONDS);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        locations.add(created.headers().firstValue("Location").orElseThrow());
      }

      assertThat(locations).hasSize(1);
      for (DropwizardTestSupport<AddrServiceConfiguration> app : List.of(first, second)) {
        HttpResponse<String> list =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.getLocalPort() + "/addresses"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Fixtures.exactJson(list.body()).size()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
      second.after();
      first.after();
      TestPostgres.truncate();
    }
  }

  private HttpResponse<String> post(int port, String entry, String key) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/addresses"))
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(entry))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static DropwizardTestSupport<AddrServiceConfiguration> start() throws Exception {
    DropwizardTestSupport<AddrServiceConfiguration> app =
        new DropwizardTestSupport<>(
            AddrServiceApplication.class,
            Fixtures.path("config/postgres.yml").toString(),
            ConfigOverride.config("store.database.url", TestPostgres::url));
    app.before();
    return app;
  }
}
