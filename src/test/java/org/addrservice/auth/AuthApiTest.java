package org.addrservice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.logging.RequestContext;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.LogFiles;
import org.addrservice.testing.RawHttp;
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API keys over real HTTP: which requests get in with which key, what the refused ones are
 * answered, and what the request log says about the key.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthApiTest {

  private static final Path LOG = LogFiles.fresh("auth-api-test");

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/auth.yml").toString(),
          ConfigOverride.config("logging.appenders[0].currentLogFilename", LOG.toString()));

  private static final String CHALLENGE = "Bearer realm=\"addrservice\"";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRequestWithoutAKeyAnswers401WithAChallengeAndTheJsonErrorBody() throws Exception {
    HttpResponse<String> answer = send("GET", "/addresses", null, Map.of());

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("message").asText()).isEqualTo("Authentication required");
    assertThat(body.get("code").asInt()).isEqualTo(401);
    assertThat(body.get("method").asText()).isEqualTo("GET");
    assertThat(body.get("uri").asText()).isEqualTo("/addresses");
    assertThat(body.get("req_id").asText()).isEqualTo(idOf(answer));
    assertThat(body.get("errors").get(0).asText()).contains("Authorization: Bearer");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Bearer not-a-configured-key",
        "Bearer test-writer-ke",
        "Bearer TEST-WRITER-KEY",
        "Bearer 61fb44fd7a10316d790cd0fe37044ed02bf2df77f3a0fec7789b72fb452da6ac",
        "Basic dGVzdC13cml0ZXIta2V5",
        "test-writer-key",
        "Bearer"
      })
  void anUnknownKeyOrSchemeAnswers401(String authorization) throws Exception {
    int before = entryCount();
    HttpResponse<String> answer =
        send("POST", "/addresses", Fixtures.text("entries/minimal.json"), auth(authorization));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE);
    assertThat(Fixtures.exactJson(answer.body()).get("message").asText())
        .isEqualTo("Authentication required");
    assertThat(entryCount()).isEqualTo(before);
  }

  @Test
  void aKeyDifferingOnlyInCaseFromOneSentBeforeOnTheSameConnectionIsRefused() {
    String request =
        "GET /addresses HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\n%s\r\n";
    RawHttp.Answer answers =
        RawHttp.send(
            APP.getLocalPort(),
            String.format(request, TestKeys.WRITER, "")
                + String.format(
                    request, TestKeys.WRITER.toUpperCase(Locale.ROOT), "Connection: close\r\n"));

    assertThat(answers.status()).isEqualTo(200);
    assertThat(answers.body()).contains("HTTP/1.1 401 ");
  }

  @Test
  void aKeyInTheQueryStringIsRefusedEvenWhenItIsValid() throws Exception {
    HttpResponse<String> answer =
        send("GET", "/addresses?access_token=" + TestKeys.WRITER, null, Map.of());

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE);
    assertThat(requestLine(idOf(answer)))
        .containsEntry("uri", "/addresses?access_token=***")
        .doesNotContainKey("key");
    assertThat(Files.readString(LOG)).doesNotContain(TestKeys.WRITER);
  }

  /**
   * Without a key the API tells nothing apart: unknown paths, methods no endpoint takes and a known
   * path get one and the same answer, before routing.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /addresses",
    "GET, /nowhere",
    "GET, /addresses/no-such-id",
    "DELETE, /addresses",
    "PATCH, /addresses",
    "POST, /openapi.json",
    "OPTIONS, /addresses",
    "OPTIONS, /nowhere",
    "TRACE, /addresses",
    "FOO, /addresses",
    "HEAD, /addresses",
    "HEAD, /nowhere"
  })
  void withoutAKeyEveryPathAndMethodGetsTheSame401(String method, String path) throws Exception {
    HttpResponse<String> answer = send(method, path, null, Map.of());

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(answer.headers().firstValue("Allow")).isEmpty();
    Map<String, String> line = requestLine(idOf(answer));
    assertThat(line)
        .containsEntry("status", "401")
        .containsEntry("reason", "Authentication required")
        .doesNotContainKey("key");
    if (method.equals("HEAD")) {
      assertThat(answer.body()).isEmpty();
      return;
    }
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly("method", "uri", "code", "message", "errors", "req_id");
    assertThat(body.get("method").asText()).isEqualTo(method);
    assertThat(body.get("uri").asText()).isEqualTo(path);
    assertThat(body.get("code").asInt()).isEqualTo(401);
    assertThat(body.get("message").asText()).isEqualTo("Authentication required");
    assertThat(body.get("errors"))
        .extracting(JsonNode::asText)
        .containsExactly("send a configured API key in the header Authorization: Bearer <key>");
    assertThat(body.get("req_id").asText()).isEqualTo(idOf(answer));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "access_token=",
        "access%5Ftoken=",
        "access%5ftoken=",
        "%61ccess_token=",
        "ACCESS_TOKEN=",
        "Access_Token=",
        "limit=1&access%5Ftoken=",
        "limit=1;access_token=",
        "q=x&access_token=",
        "access_token=x&access_token="
      })
  void aKeyInTheQueryIsRefusedInAnySpellingAndNeverShown(String query) throws Exception {
    for (Map<String, String> headers :
        List.of(Map.<String, String>of(), auth(TestKeys.bearer(TestKeys.WRITER)))) {
      HttpResponse<String> answer =
          send("GET", "/addresses?" + query + TestKeys.WRITER, null, headers);

      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE);
      String uri = Fixtures.exactJson(answer.body()).get("uri").asText();
      assertThat(uri).startsWith("/addresses?").endsWith("***").doesNotContain(TestKeys.WRITER);
      assertThat(requestLine(idOf(answer))).containsEntry("uri", uri).doesNotContainKey("key");
    }
    assertThat(Files.readString(LOG)).doesNotContain(TestKeys.WRITER);
  }

  @Test
  void aReaderMayAskWhatAPathAllows() throws Exception {
    HttpResponse<String> answer =
        send("OPTIONS", "/addresses", null, auth(TestKeys.bearer(TestKeys.READER)));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Allow").orElseThrow()).contains("GET", "POST");
    assertThat(requestLine(idOf(answer))).containsEntry("key", "ci-reader");
  }

  @Test
  void twoAuthorizationHeadersAreRefusedEvenIfOneHoldsAKey() throws Exception {
    RawHttp.Answer answer =
        RawHttp.send(
            APP.getLocalPort(),
            "GET /addresses HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestKeys.WRITER
                + "\r\nAuthorization: Bearer not-a-key\r\nConnection: close\r\n\r\n");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.headers()).containsEntry("www-authenticate", CHALLENGE);
  }

  @Test
  void aReaderMayReadEverything() throws Exception {
    String location = create(TestKeys.WRITER);
    Map<String, String> reader = auth(TestKeys.bearer(TestKeys.READER));

    assertThat(send("GET", "/addresses", null, reader).statusCode()).isEqualTo(200);
    assertThat(send("GET", location, null, reader).statusCode()).isEqualTo(200);
    assertThat(send("HEAD", location, null, reader).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/openapi.json", null, reader).statusCode()).isEqualTo(200);
  }

  @Test
  void aReaderWritingAnswers403AndChangesNothing() throws Exception {
    String location = create(TestKeys.WRITER);
    Map<String, String> reader = auth(TestKeys.bearer(TestKeys.READER));
    String entry = Fixtures.text("entries/minimal.json");
    String stored = send("GET", location, null, reader).body();
    int before = entryCount();

    List<HttpResponse<String>> answers =
        List.of(
            send("POST", "/addresses", entry, reader),
            send("PUT", location, entry, reader),
            send("PATCH", location, "{\"full_name\":\"Changed\"}", reader),
            send("DELETE", location, null, reader));

    for (HttpResponse<String> answer : answers) {
      assertThat(answer.statusCode()).as(answer.request().method()).isEqualTo(403);
      JsonNode body = Fixtures.exactJson(answer.body());
      assertThat(body.get("message").asText()).isEqualTo("Forbidden");
      assertThat(body.get("code").asInt()).isEqualTo(403);
      assertThat(body.get("req_id").asText()).isEqualTo(idOf(answer));
      assertThat(body.get("errors").get(0).asText())
          .isEqualTo(
              "the key ci-reader has the role reader, which may only read (GET, HEAD, OPTIONS)");
    }
    assertThat(entryCount()).isEqualTo(before);
    assertThat(send("GET", location, null, reader).body()).isEqualTo(stored);
  }

  @Test
  void aWriterMayDoEverything() throws Exception {
    Map<String, String> writer = auth(TestKeys.bearer(TestKeys.WRITER));
    String location = create(TestKeys.WRITER);

    assertThat(send("GET", location, null, writer).statusCode()).isEqualTo(200);
    assertThat(send("HEAD", location, null, writer).statusCode()).isEqualTo(200);
    assertThat(send("PUT", location, Fixtures.text("entries/minimal.json"), writer).statusCode())
        .isEqualTo(204);
    HttpResponse<String> patched =
        send("PATCH", location, "{\"full_name\":\"Patched Name\"}", writer);
    assertThat(patched.statusCode()).isBetween(200, 204);
    assertThat(send("DELETE", location, null, writer).statusCode()).isEqualTo(204);
    assertThat(send("GET", location, null, writer).statusCode()).isEqualTo(404);
  }

  @Test
  void theAuthenticationSchemeIsCaseInsensitive() throws Exception {
    HttpResponse<String> answer =
        send("GET", "/addresses", null, auth("bearer " + TestKeys.READER));

    assertThat(answer.statusCode()).isEqualTo(200);
  }

  @Test
  void theAdminPortNeedsNoKey() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/ping"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
  }

  @Test
  void theLogLineNamesTheKeyAndNeverContainsIt() throws Exception {
    String read = idOf(send("GET", "/addresses", null, auth(TestKeys.bearer(TestKeys.READER))));
    String refused =
        idOf(
            send(
                "POST",
                "/addresses",
                Fixtures.text("entries/minimal.json"),
                auth(TestKeys.bearer(TestKeys.READER))));
    String anonymous = idOf(send("GET", "/addresses", null, Map.of()));
    String written =
        idOf(
            send(
                "POST",
                "/addresses",
                Fixtures.text("entries/minimal.json"),
                auth(TestKeys.bearer(TestKeys.WRITER))));

    assertThat(requestLine(read)).containsEntry("key", "ci-reader").containsEntry("status", "200");
    assertThat(requestLine(refused))
        .containsEntry("key", "ci-reader")
        .containsEntry("status", "403")
        .containsEntry("reason", "Forbidden");
    assertThat(requestLine(anonymous)).doesNotContainKey("key").containsEntry("status", "401");
    assertThat(requestLine(written))
        .containsEntry("key", "ci-writer")
        .containsEntry("status", "201");
    assertThat(Files.readString(LOG))
        .doesNotContain(TestKeys.READER)
        .doesNotContain(TestKeys.WRITER)
        .doesNotContain(TestKeys.READER_SHA256)
        .doesNotContain(TestKeys.WRITER_SHA256);
  }

  /** Creates the full fixture entry with {@code key}; its Location. */
  private String create(String key) throws Exception {
    HttpResponse<String> created =
        send("POST", "/addresses", Fixtures.text("entries/full.json"), auth(TestKeys.bearer(key)));
    assertThat(created.statusCode()).isEqualTo(201);
    return URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
  }

  /** How many entries the first page of the book holds (fewer than a page in these tests). */
  private int entryCount() throws Exception {
    HttpResponse<String> list =
        send("GET", "/addresses", null, auth(TestKeys.bearer(TestKeys.WRITER)));
    assertThat(list.statusCode()).isEqualTo(200);
    return Fixtures.exactJson(list.body()).size();
  }

  private static Map<String, String> auth(String authorization) {
    return Map.of("Authorization", authorization);
  }

  private HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header(
          "Content-Type",
          "PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String idOf(HttpResponse<String> answer) {
    return answer.headers().firstValue(RequestContext.HEADER).orElseThrow();
  }

  private static Map<String, String> requestLine(String id) {
    return LogFiles.requestLine(LOG, id);
  }
}
