package org.addrservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every answer of both ports, whoever writes it (a resource, an exception mapper, the health
 * module, Jetty refusing a request it cannot parse), says nosniff and names no server version;
 * without a {@code cors:} section no answer lets another origin read it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecurityHeadersApiTest {

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class, Fixtures.path("config/memory.yml").toString());

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyApiAnswerSaysNosniffAndNamesNoServer() throws Exception {
    List<HttpResponse<String>> answers =
        List.of(
            send(api("/addresses"), "GET", null),
            send(api("/addresses"), "POST", Fixtures.text("entries/minimal.json")),
            send(api("/addresses"), "POST", Fixtures.text("invalid/empty-full-name.json")),
            send(api("/addresses/no-such-entry"), "GET", null),
            send(api("/no-such-endpoint"), "GET", null),
            send(api("/addresses"), "TRACE", null));

    assertThat(answers).extracting(HttpResponse::statusCode).contains(200, 201, 400, 404, 405);
    for (HttpResponse<String> answer : answers) {
      assertThat(answer.headers().firstValue("X-Content-Type-Options"))
          .as("%s %s", answer.request().method(), answer.uri())
          .hasValue("nosniff");
      assertThat(answer.headers().firstValue("Server")).as(answer.uri().toString()).isEmpty();
    }
  }

  @Test
  void everyAdminAnswerSaysNosniffAndNamesNoServer() throws Exception {
    for (String path : List.of("/ping", "/health-check?type=ready", "/healthcheck", "/nothing")) {
      HttpResponse<String> answer = send(admin(path), "GET", null);

      assertThat(answer.statusCode()).as(path).isIn(200, 404);
      assertThat(answer.headers().firstValue("X-Content-Type-Options"))
          .as(path)
          .hasValue("nosniff");
      assertThat(answer.headers().firstValue("Server")).as(path).isEmpty();
    }
  }

  @Test
  void requestsJettyRefusesBeforeAnyHandlerStillGetTheHeaders() {
    for (int port : List.of(APP.getLocalPort(), APP.getAdminPort())) {
      List<RawHttp.Answer> answers =
          List.of(
              RawHttp.send(port, "GARBAGE\r\n\r\n"),
              RawHttp.send(
                  port,
                  "GET /addresses/%2e%2e/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
              RawHttp.send(
                  port,
                  "GET /addresses HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                      + "y".repeat(20_000)
                      + "\r\nConnection: close\r\n\r\n"));

      assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(400, 400, 431);
      for (RawHttp.Answer answer : answers) {
        assertThat(answer.headers()).containsEntry("x-content-type-options", "nosniff");
        assertThat(answer.headers()).doesNotContainKey("server");
      }
    }
  }

  @Test
  void withoutACorsSectionNoOriginMayReadTheApi() throws Exception {
    HttpResponse<String> preflight =
        http.send(
            HttpRequest.newBuilder(api("/addresses"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(api("/addresses"))
                .header("Origin", "https://app.example.com")
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(get.statusCode()).isEqualTo(200);
    for (HttpResponse<String> answer : List.of(preflight, get)) {
      assertThat(answer.headers().map().keySet())
          .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
    }
  }

  private HttpResponse<String> send(URI uri, String method, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .method(method, HttpRequest.BodyPublishers.ofString(body))
          .header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI api(String path) {
    return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
  }

  private static URI admin(String path) {
    return URI.create("http://127.0.0.1:" + APP.getAdminPort() + path);
  }
}
