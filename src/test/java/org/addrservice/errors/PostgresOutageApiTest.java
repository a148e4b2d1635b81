package org.addrservice.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.TcpProxy;
import org.addrservice.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When PostgreSQL goes away under a running service, every request answers 503 with the JSON error
 * body within a bounded time, and the health check turns red; when it is back, the service is too,
 * without a restart. The database is taken away with a {@link TcpProxy} between the service and the
 * shared server, which keeps running for everyone else: cut, like a stopped server, or frozen, like
 * a hung server or a network that drops every packet, where only the configured timeouts end the
 * wait.
 */
@EnabledIfEnvironmentVariable(
    named = TestPostgres.URL_VARIABLE,
    matches = ".+",
    disabledReason = TestPostgres.HOW_TO_RUN)
@ExtendWith(DropwizardExtensionsSupport.class)
class PostgresOutageApiTest {

  /** The longest a request may take while the database is away (the config's timeouts are less). */
  private static final Duration BOUND = Duration.ofSeconds(10);

  private static final int POOLED = 4;

  private static final TcpProxy PROXY = proxyToTestPostgres();

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/postgres.yml").toString(),
          ConfigOverride.config("store.database.url", () -> throughProxy(TestPostgres.url())),
          // Several idle connections when the link is cut: all of them die, and none may be
          // handed to a request once the database is back.
          ConfigOverride.config("store.database.initialSize", Integer.toString(POOLED)),
          ConfigOverride.config("store.database.minSize", Integer.toString(POOLED)),
          // Shorter than the fixture's, to keep the frozen-database test short.
          ConfigOverride.config("store.database.properties.socketTimeout", "2"),
          ConfigOverride.config("store.database.properties.loginTimeout", "2"),
          ConfigOverride.config("store.database.validationQueryTimeout", "1s"));

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterAll
  static void closeTheProxy() {
    PROXY.close();
  }

  @Test
  void aLostDatabaseAnswers503QuicklyAndTheServiceRecoversByItselfWhenItIsBack() throws Exception {
    awaitHealthy();
    String location = created(send("POST", "/addresses", "{\"full_name\": \"Before\"}"));

    PROXY.cut();
    try {
      assertUnavailable("POST", "/addresses", "{\"full_name\": \"During\"}");
      assertUnavailable("GET", "/addresses", null);
      assertUnavailable("GET", location, null);
      assertUnavailable("PUT", location, "{\"full_name\": \"During\"}");
      assertUnavailable("DELETE", location, null);
      assertStoreUnhealthy();
    } finally {
      PROXY.restore();
    }

    int connectionsBefore = PROXY.acceptedConnections();
    awaitHealthy();
    assertThat(PROXY.acceptedConnections())
        .as("the pool opened new connections by itself")
        .isGreaterThan(connectionsBefore);
    for (int i = 0; i < 3 * POOLED; i++) {
      HttpResponse<String> list = send("GET", "/addresses", null);
      assertThat(list.statusCode())
          .as("list %d after the outage: %s", i, list.body())
          .isEqualTo(200);
    }
    HttpResponse<String> read = send("GET", location, null);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(Fixtures.exactJson(read.body()).get("full_name").asText()).isEqualTo("Before");
    assertThat(send("PUT", location, "{\"full_name\": \"After\"}").statusCode()).isEqualTo(204);
    assertThat(created(send("POST", "/addresses", "{\"full_name\": \"After\"}"))).isNotEmpty();
    assertThat(send("DELETE", location, null).statusCode()).isEqualTo(204);
  }

  @Test
  void aDatabaseThatStopsAnsweringCostsARequestNoMoreThanTheConfiguredTimeouts() throws Exception {
    awaitHealthy();
    String location = created(send("POST", "/addresses", "{\"full_name\": \"Before\"}"));

    PROXY.freeze();
    try {
      assertUnavailable("GET", location, null);
      assertUnavailable("POST", "/addresses", "{\"full_name\": \"During\"}");
      assertStoreUnhealthy();
    } finally {
      PROXY.restore();
    }

    awaitHealthy();
    HttpResponse<String> read = send("GET", location, null);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(Fixtures.exactJson(read.body()).get("full_name").asText()).isEqualTo("Before");
  }

  private void assertStoreUnhealthy() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> health = send("GET", "/healthcheck", null, APP.getAdminPort());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("the health check took %s", took).isLessThan(BOUND);
    assertThat(health.statusCode()).isEqualTo(500);
    JsonNode store = Fixtures.exactJson(health.body()).get("store");
    assertThat(store.get("healthy").asBoolean()).isFalse();
    assertThat(store.get("message").asText()).contains("postgres store is unusable");
  }

  /** Polls, without restarting anything, until the health check is green again. */
  private void awaitHealthy() {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> health = send("GET", "/healthcheck", null, APP.getAdminPort());
              assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
              assertThat(Fixtures.exactJson(health.body()).at("/store/healthy").asBoolean())
                  .isTrue();
            });
  }

  private void assertUnavailable(String method, String path, String body) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> answer = send(method, path, body);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).as("%s %s took %s", method, path, took).isLessThan(BOUND);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode error = Fixtures.exactJson(answer.body());
    assertThat(error.get("code").asInt()).isEqualTo(503);
    assertThat(error.get("method").asText()).isEqualTo(method);
    assertThat(error.get("uri").asText()).isEqualTo(path);
    assertThat(error.get("message").asText()).isEqualTo("Address book storage unavailable");
    assertThat(answer.body())
        .doesNotContain("\tat ", "Exception", ".java:", "jdbc:", "127.0.0.1:" + PROXY.port());
  }

  private static String created(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return answer.headers().firstValue("Location").orElseThrow();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, APP.getLocalPort());
  }

  private HttpResponse<String> send(String method, String path, String body, int port)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            // Far longer than BOUND: a hang shows as a slow answer, not as a client time-out.
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A proxy to the test database's server, when there is one to proxy to. */
  private static TcpProxy proxyToTestPostgres() {
    URI server = serverOf(TestPostgres.configuredUrl().orElse("jdbc:postgresql://127.0.0.1/"));
    return TcpProxy.start(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
  }

  /** The test database's URL, with the proxy in place of the server. */
  private static String throughProxy(String url) {
    URI server = serverOf(url);
    return url.replace("//" + server.getRawAuthority(), "//127.0.0.1:" + PROXY.port());
  }

  private static URI serverOf(String jdbcUrl) {
    return URI.create(jdbcUrl.substring("jdbc:".length()));
  }
}
