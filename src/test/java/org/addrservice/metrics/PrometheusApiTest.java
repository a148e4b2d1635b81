package org.addrservice.metrics;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin port's {@code /prometheus} and {@code /metrics} after real traffic on the SQLite store:
 * the exposition is strictly well formed and carries the agreed names, with counts that follow the
 * requests sent. The JVM's metrics are registered only by the real command line, so {@code
 * PrometheusJvmMetricsIT} checks those on the packaged jar.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PrometheusApiTest {

  private static final String UNKNOWN_ID = "0123456789abcdef0123456789abcdef";

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/sqlite.yml").toString(),
          ConfigOverride.config("store.file", newDirectory().resolve("addressbook.db").toString()));

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void countsEveryEndpointsRequestsResponsesErrorsAndStoreOperations() {
    PrometheusText before = PrometheusText.parse(scrape().body());

    for (int i = 0; i < 3; i++) {
      assertThat(api("POST", "/addresses", Fixtures.text("entries/minimal.json")).statusCode())
          .isEqualTo(201);
    }
    assertThat(
            api("POST", "/addresses", Fixtures.text("invalid/empty-full-name.json")).statusCode())
        .isEqualTo(400);
    HttpResponse<String> created = api("POST", "/addresses", Fixtures.text("entries/full.json"));
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(api("GET", "/addresses", null).statusCode()).isEqualTo(200);
    assertThat(api("GET", location, null).statusCode()).isEqualTo(200);
    assertThat(api("GET", "/addresses/" + UNKNOWN_ID, null).statusCode()).isEqualTo(404);
    String replacement = Fixtures.text("entries/minimal.json");
    assertThat(api("PUT", location, replacement).statusCode()).isEqualTo(204);
    assertThat(api("PUT", "/addresses/" + UNKNOWN_ID, replacement).statusCode()).isEqualTo(404);
    assertThat(api("DELETE", location, null).statusCode()).isEqualTo(204);
    assertThat(api("DELETE", "/addresses/" + UNKNOWN_ID, null).statusCode()).isEqualTo(404);
    assertThat(api("GET", "/nowhere", null).statusCode()).isEqualTo(404);
    assertThat(admin("/healthcheck").statusCode()).isEqualTo(200);

    // The meters and timers are updated as each request finishes, which may be just after its
    // answer reached the client.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> scraped = scrape();
              assertThat(scraped.headers().firstValue("Content-Type"))
                  .hasValueSatisfying(
                      type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
              Delta delta = new Delta(before, PrometheusText.parse(scraped.body()));

              assertThat(delta.of("addrservice_http_requests_seconds_count", "endpoint", "create"))
                  .isEqualTo(5);
              assertThat(delta.of("addrservice_http_requests_seconds_count", "endpoint", "list"))
                  .isEqualTo(1);
              for (String endpoint : List.of("get", "replace", "delete")) {
                assertThat(
                        delta.of("addrservice_http_requests_seconds_count", "endpoint", endpoint))
                    .as(endpoint)
                    .isEqualTo(2);
                assertThat(responses(delta, endpoint, "2xx")).as(endpoint).isEqualTo(1);
                assertThat(responses(delta, endpoint, "4xx")).as(endpoint).isEqualTo(1);
                assertThat(delta.of("addrservice_http_errors_total", "endpoint", endpoint))
                    .as(endpoint)
                    .isEqualTo(1);
              }
              assertThat(responses(delta, "create", "2xx")).isEqualTo(4);
              assertThat(responses(delta, "create", "4xx")).isEqualTo(1);
              assertThat(delta.of("addrservice_http_errors_total", "endpoint", "create"))
                  .isEqualTo(1);
              assertThat(responses(delta, "list", "2xx")).isEqualTo(1);
              assertThat(delta.of("addrservice_http_errors_total", "endpoint", "list")).isZero();
              assertThat(responses(delta, "create", "5xx")).isZero();

              assertThat(delta.of("addrservice_http_server_requests_seconds_count"))
                  .isGreaterThanOrEqualTo(13);
              assertThat(delta.of("addrservice_http_server_responses_total", "code_class", "2xx"))
                  .isGreaterThanOrEqualTo(8);
              assertThat(delta.of("addrservice_http_server_responses_total", "code_class", "4xx"))
                  .isGreaterThanOrEqualTo(5);

              assertThat(store(delta, "create")).isEqualTo(4);
              assertThat(store(delta, "page")).isEqualTo(1);
              assertThat(store(delta, "find")).isEqualTo(2);
              assertThat(store(delta, "replace")).isEqualTo(2);
              assertThat(store(delta, "delete")).isEqualTo(2);
              assertThat(store(delta, "ping")).isGreaterThanOrEqualTo(1);
            });
  }

  @Test
  void exposesTheAgreedFamiliesWithTheirTypesAndLabels() {
    assertThat(api("GET", "/addresses", null).statusCode()).isEqualTo(200);

    PrometheusText text =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> PrometheusText.parse(scrape().body()),
                scraped ->
                    scraped
                            .value("addrservice_http_requests_seconds_count", "endpoint", "list")
                            .orElse(0.0)
                        > 0);

    assertThat(text.types())
        .containsEntry("addrservice_http_requests_seconds", "summary")
        .containsEntry("addrservice_http_responses_total", "counter")
        .containsEntry("addrservice_http_errors_total", "counter")
        .containsEntry("addrservice_http_server_requests_seconds", "summary")
        .containsEntry("addrservice_http_server_responses_total", "counter")
        .containsEntry("addrservice_store_operation_seconds", "summary")
        .containsEntry("addrservice_db_pool_active_connections", "gauge")
        .containsEntry("addrservice_db_pool_idle_connections", "gauge")
        .containsEntry("addrservice_db_pool_size", "gauge")
        .containsEntry("addrservice_db_pool_waiting_threads", "gauge");
    assertThat(
            text.value("addrservice_http_requests_seconds", "endpoint", "list", "quantile", "0.99"))
        .hasValueSatisfying(seconds -> assertThat(seconds).isPositive().isLessThan(60));
    for (String codeClass : List.of("1xx", "2xx", "3xx", "4xx", "5xx")) {
      assertThat(text.value("addrservice_http_server_responses_total", "code_class", codeClass))
          .as(codeClass)
          .isPresent();
    }
    for (String operation :
        List.of("create", "find", "replace", "delete", "list", "page", "ping")) {
      assertThat(
              text.value(
                  "addrservice_store_operation_seconds",
                  "store",
                  "sqlite",
                  "operation",
                  operation,
                  "quantile",
                  "0.5"))
          .as(operation)
          .isPresent();
    }
    assertThat(text.value("addrservice_db_pool_size", "pool", "sqlite")).isPresent();
    assertThat(text.value("addrservice_db_pool_active_connections", "pool", "sqlite")).isPresent();
    assertThat(text.value("addrservice_db_pool_idle_connections", "pool", "sqlite")).isPresent();
    assertThat(text.value("addrservice_db_pool_waiting_threads", "pool", "sqlite")).isPresent();

    // What the rules map no longer appears under the bridge's default name as well.
    assertThat(text.sampleNames())
        .noneMatch(name -> name.startsWith("addrservice_store_sqlite"))
        .noneMatch(
            name -> name.startsWith("io_dropwizard_db_ManagedPooledDataSource_sqlite_active"))
        .noneMatch(name -> name.contains("AddressBookResource_list_errors"))
        .noneMatch(name -> name.contains("AddressBookResource_list_2xx"))
        .noneMatch(
            name -> name.startsWith("io_dropwizard_jetty_MutableServletContextHandler_requests"));
  }

  @Test
  void theDropwizardJsonKeepsTheDropwizardNames() {
    assertThat(api("GET", "/addresses", null).statusCode()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> metrics = admin("/metrics");
              assertThat(metrics.statusCode()).isEqualTo(200);
              JsonNode json = Fixtures.EXACT_JSON.readTree(metrics.body());
              JsonNode timers = json.get("timers");
              assertThat(
                      timers
                          .get("org.addrservice.resources.AddressBookResource.list")
                          .get("count")
                          .asLong())
                  .isPositive();
              assertThat(timers.get("addrservice.store.sqlite.page").get("count").asLong())
                  .isPositive();
              assertThat(timers.has("io.dropwizard.jetty.MutableServletContextHandler.requests"))
                  .isTrue();
              JsonNode meters = json.get("meters");
              assertThat(
                      meters
                          .get("org.addrservice.resources.AddressBookResource.list.2xx-responses")
                          .get("count")
                          .asLong())
                  .isPositive();
              assertThat(
                      meters.has(
                          "org.addrservice.resources.AddressBookResource.list-errors.exceptions"))
                  .isTrue();
            });
  }

  private static double responses(Delta delta, String endpoint, String codeClass) {
    return delta.of(
        "addrservice_http_responses_total", "endpoint", endpoint, "code_class", codeClass);
  }

  private static double store(Delta delta, String operation) {
    return delta.of(
        "addrservice_store_operation_seconds_count", "store", "sqlite", "operation", operation);
  }

  /** How much each series grew between two scrapes; a series must be in the second. */
  private record Delta(PrometheusText before, PrometheusText after) {

    double of(String name, String... labels) {
      double now =
          after
              .value(name, labels)
              .orElseThrow(
                  () -> new AssertionError("no series " + PrometheusText.series(name, labels)));
      return now - before.value(name, labels).orElse(0.0);
    }
  }

  private HttpResponse<String> scrape() {
    HttpResponse<String> response = admin("/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  private HttpResponse<String> admin(String path) {
    return send("GET", APP.getAdminPort(), path, null);
  }

  private HttpResponse<String> api(String method, String path, String body) {
    return send(method, APP.getLocalPort(), path, body);
  }

  private HttpResponse<String> send(String method, int port, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("addrservice-prometheus");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
