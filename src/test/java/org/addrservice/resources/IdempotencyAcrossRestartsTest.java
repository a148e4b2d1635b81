package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotency keys are kept by the store, so a retry after a restart finds its key. */
class IdempotencyAcrossRestartsTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRetryAfterARestartOnTheSqliteFileAnswersTheSameLocation(@TempDir Path directory)
      throws Exception {
    String entry = Fixtures.text("entries/full.json");
    Path file = directory.resolve("addressbook.db");

    HttpResponse<String> first = postOnAFreshApp(file, entry, "restart-key");
    HttpResponse<String> retry = postOnAFreshApp(file, entry, "restart-key");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
    assertThat(retry.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"))
        .isPresent();
  }

  /** Starts the application on {@code file}, posts {@code entry} under {@code key}, stops it. */
  private HttpResponse<String> postOnAFreshApp(Path file, String entry, String key)
      throws Exception {
    DropwizardTestSupport<AddrServiceConfiguration> app =
        new DropwizardTestSupport<>(
            AddrServiceApplication.class,
            Fixtures.path("config/sqlite.yml").toString(),
            ConfigOverride.config("store.file", file.toString()));
    app.before();
    try {
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + app.getLocalPort() + "/addresses"))
                  .header("Idempotency-Key", key)
                  .POST(HttpRequest.BodyPublishers.ofString(entry))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> list =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + app.getLocalPort() + "/addresses"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(Fixtures.exactJson(list.body()).size()).isEqualTo(1);
      return created;
    } finally {
      app.after();
    }
  }
}
