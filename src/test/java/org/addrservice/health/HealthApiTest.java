package org.addrservice.health;

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
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin port's health endpoints over real HTTP: readiness and the health gauges follow the
 * store (an fs store whose directory disappears is a real outage), liveness does not.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HealthApiTest {

  private static final Path DIRECTORY = newDirectory();

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/fs-health.yml").toString(),
          ConfigOverride.config("store.directory", DIRECTORY.toString()));

  private static final Duration SCHEDULED_CHECK = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readinessAndTheStoreGaugeTurnRedWhileTheStoreIsGoneAndGreenWhenItIsBack() throws Exception {
    assertThat(admin("/health-check?type=ready").statusCode()).isEqualTo(200);
    assertThat(gauge("store")).isEqualTo(1);

    Path moved = DIRECTORY.resolveSibling(DIRECTORY.getFileName() + "-away");
    Files.move(DIRECTORY, moved);
    try {
      await()
          .atMost(SCHEDULED_CHECK)
          .until(() -> admin("/health-check?type=ready").statusCode() == 503);
      await().atMost(SCHEDULED_CHECK).until(() -> gauge("store") == 0);
      assertThat(admin("/health-check?type=alive").statusCode())
          .as("a store outage is no reason to restart the process")
          .isEqualTo(200);
      assertThat(gauge("deadlocks")).isEqualTo(1);
    } finally {
      Files.move(moved, DIRECTORY);
    }

    await()
        .atMost(SCHEDULED_CHECK)
        .until(() -> admin("/health-check?type=ready").statusCode() == 200);
    await().atMost(SCHEDULED_CHECK).until(() -> gauge("store") == 1);
  }

  @Test
  void readinessAnswersInJsonWithTheStateOfEveryScheduledCheck() throws Exception {
    HttpResponse<String> ready = admin("/health-check?type=ready&name=all");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode checks = Fixtures.exactJson(ready.body());
    assertThat(checks.findValuesAsText("name")).containsExactlyInAnyOrder("store", "deadlocks");
  }

  @Test
  void pingAnswersPong() throws Exception {
    HttpResponse<String> ping = admin("/ping");

    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body().trim()).isEqualTo("pong");
  }

  @Test
  void healthcheckStillRunsTheStoreAndDeadlockChecks() throws Exception {
    HttpResponse<String> health = admin("/healthcheck");

    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode checks = Fixtures.exactJson(health.body());
    assertThat(checks.at("/store/healthy").asBoolean()).isTrue();
    assertThat(checks.at("/store/message").asText())
        .matches("fs store is usable, with [0-9.]+ [KMGTPE]iB usable on its file system");
    assertThat(checks.at("/deadlocks/healthy").asBoolean()).isTrue();
  }

  @Test
  void theApplicationPortDoesNotServeHealth() throws Exception {
    HttpResponse<String> answer =
        send(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/health-check"));

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(Fixtures.exactJson(answer.body()).get("code").asInt()).isEqualTo(404);
  }

  private int gauge(String check) throws Exception {
    JsonNode metrics = Fixtures.exactJson(admin("/metrics").body());
    return metrics
        .path("gauges")
        .path("addrservice.health." + check + ".healthy")
        .path("value")
        .asInt(-1);
  }

  private HttpResponse<String> admin(String path) throws Exception {
    return send(URI.create("http://127.0.0.1:" + APP.getAdminPort() + path));
  }

  private HttpResponse<String> send(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("addrservice-health");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
