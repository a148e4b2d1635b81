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
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser app calling an API that demands keys: the browser's preflight carries no key (it never
 * does) and is answered as CORS expects, and the app's own requests, refused or not, carry the
 * headers that let its page read the answer.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CorsWithAuthApiTest {

  private static final String ALLOWED = "https://app.example.com";

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class, Fixtures.path("config/auth-cors.yml").toString());

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aPreflightWithoutAKeyFromTheAllowedOriginIsAnswered() throws Exception {
    HttpResponse<String> preflight =
        send(
            HttpRequest.newBuilder(uri("/addresses/some-id"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match"));

    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
        .contains("PUT");
    assertThat(
            preflight
                .headers()
                .firstValue("Access-Control-Allow-Headers")
                .orElseThrow()
                .toLowerCase(Locale.ROOT))
        .contains("authorization")
        .contains("if-match");
  }

  @Test
  void aRefusalIsReadableByThePageThatSentIt() throws Exception {
    HttpResponse<String> refused =
        send(HttpRequest.newBuilder(uri("/addresses")).header("Origin", ALLOWED));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    assertThat(Fixtures.exactJson(refused.body()).get("message").asText())
        .isEqualTo("Authentication required");
  }

  @Test
  void aReaderFromTheAllowedOriginReadsAndMayAskWhatIsAllowed() throws Exception {
    for (String method : new String[] {"GET", "OPTIONS"}) {
      HttpResponse<String> answer =
          send(
              HttpRequest.newBuilder(uri("/addresses"))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .header("Origin", ALLOWED)
                  .header("Authorization", TestKeys.bearer(TestKeys.READER)));

      assertThat(answer.statusCode()).as(method).isEqualTo(200);
      assertThat(answer.headers().firstValue("Access-Control-Allow-Origin"))
          .as(method)
          .hasValue(ALLOWED);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
  }
}
