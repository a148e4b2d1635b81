package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code conditionalWrites.requireIfMatch: true}, a write must name the version it changes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequiredIfMatchApiTest {

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/memory.yml").toString(),
          ConfigOverride.config("conditionalWrites.requireIfMatch", "true"));

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void writesWithoutIfMatchAnswer428AndChangeNothing() throws Exception {
    String location = create();

    assert428(send(location, "PUT", "application/json", "{\"full_name\": \"x\"}", null));
    assert428(
        send(location, "PATCH", "application/merge-patch+json", "{\"full_name\": \"x\"}", null));
    assert428(send(location, "DELETE", null, null, null));

    HttpResponse<String> read = send(location, "GET", null, null, null);
    assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");
    assertThat(Fixtures.exactJson(read.body())).isEqualTo(Fixtures.json("entries/minimal.json"));
  }

  @Test
  void writesWithIfMatchAreMade() throws Exception {
    String location = create();

    assertThat(
            send(location, "PUT", "application/json", "{\"full_name\": \"x\"}", "\"1\"")
                .statusCode())
        .isEqualTo(204);
    assertThat(send(location, "PATCH", "application/merge-patch+json", "{}", "*").statusCode())
        .isEqualTo(204);
    assertThat(send(location, "DELETE", null, null, "\"3\"").statusCode()).isEqualTo(204);
  }

  @Test
  void readsAndCreatesNeedNoIfMatch() throws Exception {
    String location = create();

    assertThat(send(location, "GET", null, null, null).statusCode()).isEqualTo(200);
  }

  private static void assert428(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).isEqualTo(428);
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("message").asText()).isEqualTo("If-Match required");
    assertThat(body.get("code").asInt()).isEqualTo(428);
  }

  private String create() throws Exception {
    HttpResponse<String> created =
        send("/addresses", "POST", "application/json", Fixtures.text("entries/minimal.json"), null);
    assertThat(created.statusCode()).isEqualTo(201);
    return created.headers().firstValue("Location").orElseThrow();
  }

  private HttpResponse<String> send(
      String path, String method, String type, String body, String ifMatch) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      request.header("Content-Type", type);
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
