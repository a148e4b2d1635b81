package org.addrservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real CORS preflights and requests, as a browser sends them, against a service that allows one
 * origin: that origin is let in, any other origin (even a near miss) is not, and the admin port
 * never is.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CorsApiTest {

  private static final String ALLOWED = "https://app.example.com";

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class, Fixtures.path("config/memory-cors.yml").toString());

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void preflightFromTheAllowedOriginGetsTheMethodsAndHeadersItMayUse() throws Exception {
    HttpResponse<String> preflight = preflight(APP.getLocalPort(), ALLOWED, "PUT");

    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
        .contains("PUT")
        .contains("PATCH")
        .contains("DELETE");
    assertThat(
            preflight
                .headers()
                .firstValue("Access-Control-Allow-Headers")
                .orElseThrow()
                .toLowerCase(Locale.ROOT))
        .contains("if-match")
        .contains("content-type");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
  }

  @Test
  void requestFromTheAllowedOriginMayReadTheAnswerAndItsHeaders() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/addresses"))
                .header("Origin", ALLOWED)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    assertThat(answer.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("ETag")
        .contains("Location")
        .contains("X-Request-Id");
  }

  @Test
  void otherOriginsGetNoCorsHeadersEvenNearMisses() throws Exception {
    for (String origin :
        new String[] {
          "https://evil.example.com",
          "http://app.example.com",
          "https://app.example.com.evil.test",
          "https://appXexample.com",
          "null"
        }) {
      HttpResponse<String> preflight = preflight(APP.getLocalPort(), origin, "DELETE");

      assertThat(preflight.headers().map().keySet())
          .as(origin)
          .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    }
  }

  @Test
  void theAdminPortAllowsNoOrigin() throws Exception {
    HttpResponse<String> preflight = preflight(APP.getAdminPort(), ALLOWED, "POST");

    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private HttpResponse<String> preflight(int port, String origin, String method) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/addresses/some-id"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", "content-type,if-match")
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
