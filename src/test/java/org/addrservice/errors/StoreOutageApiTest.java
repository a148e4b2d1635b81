package org.addrservice.errors;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When the fs store's directory disappears under a running service, requests answer 503 with the
 * JSON error body and the health check turns red; when it is back, so is the service.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StoreOutageApiTest {

  private static final Path DIRECTORY = newDirectory();

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/fs.yml").toString(),
          ConfigOverride.config("store.directory", DIRECTORY.toString()));

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aVanishedStoreAnswers503AndRecoversWhenItReturns() throws Exception {
    String location = post("{\"full_name\": \"Before\"}").headers().firstValue("Location").get();
    Path moved = DIRECTORY.resolveSibling(DIRECTORY.getFileName() + "-away");
    Files.move(DIRECTORY, moved);
    try {
      assertUnavailable(post("{\"full_name\": \"During\"}"));
      assertUnavailable(send("GET", "/addresses", null));
      assertUnavailable(send("PUT", location, "{\"full_name\": \"During\"}"));
      assertUnavailable(send("GET", location, null));
      assertUnavailable(send("DELETE", location, null));

      HttpResponse<String> health = send("GET", "/healthcheck", null, APP.getAdminPort());
      assertThat(health.statusCode()).isEqualTo(500);
      JsonNode store = Fixtures.exactJson(health.body()).get("store");
      assertThat(store.get("healthy").asBoolean()).isFalse();
      assertThat(store.get("message").asText()).contains("not a directory");
    } finally {
      Files.move(moved, DIRECTORY);
    }
    assertThat(post("{\"full_name\": \"After\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> read = send("GET", location, null);
    assertThat(Fixtures.exactJson(read.body()).get("full_name").asText()).isEqualTo("Before");
    HttpResponse<String> health = send("GET", "/healthcheck", null, APP.getAdminPort());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  private static void assertUnavailable(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("message").asText()).isEqualTo("Address book storage unavailable");
    assertThat(answer.body()).doesNotContain("\tat ", DIRECTORY.toString());
  }

  private HttpResponse<String> post(String body) throws Exception {
    return send("POST", "/addresses", body);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, APP.getLocalPort());
  }

  private HttpResponse<String> send(String method, String path, String body, int port)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("addrservice-outage");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
