package org.addrservice.logging;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.FaultyApplication;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.LogFiles;
import org.addrservice.testing.LogfmtLine;
import org.addrservice.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The canonical log line, read back from the log file the real application writes: one logfmt line
 * per request whatever its outcome, at the level its status calls for, with the request id that the
 * client saw in its answer.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CanonicalLogApiTest {

  private static final Path LOG = LogFiles.fresh("canonical-log-test");

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          FaultyApplication.class,
          Fixtures.path("config/logging.yml").toString(),
          ConfigOverride.config("logging.appenders[0].currentLogFilename", LOG.toString()));

  /** The fixture's layout: level, the MDC's request id, logger, then the message. */
  private static final Pattern LAYOUT =
      Pattern.compile("(TRACE|DEBUG|INFO|WARN|ERROR) +mdc_req_id=(\\S+) (\\S+) \\| (.*)");

  private static final String REQUESTS = CanonicalRequestLog.LOGGER_NAME;

  private final HttpClient http = HttpClient.newHttpClient();

  /** One line of the log file, split by the fixture's layout. */
  record LogLine(String level, String mdcRequestId, String logger, String message) {
    Map<String, String> fields() {
      return LogfmtLine.parse(message);
    }
  }

  static Stream<Arguments> outcomes() {
    String valid = Fixtures.text("entries/minimal.json");
    return Stream.of(
        Arguments.of("app", "GET", "/addresses", null, null, 200),
        Arguments.of("app", "POST", "/addresses", "application/json", valid, 201),
        Arguments.of("app", "GET", "/addresses/no-such-id", null, null, 404),
        Arguments.of("app", "GET", "/nowhere", null, null, 404),
        Arguments.of("app", "DELETE", "/addresses", null, null, 405),
        Arguments.of("app", "POST", "/addresses", "text/plain", valid, 415),
        Arguments.of("app", "POST", "/addresses", "application/json", "{\"full_name\":", 400),
        Arguments.of("app", "POST", "/addresses", "application/json", "{\"x\": 1}", 400),
        Arguments.of(
            "app", "POST", "/addresses", "application/json", "[" + "1,".repeat(5000) + "1]", 413),
        Arguments.of("app", "GET", "/faults/unavailable", null, null, 503),
        Arguments.of("admin", "GET", "/ping", null, null, 200),
        Arguments.of("admin", "GET", "/nothing-here", null, null, 404));
  }

  @ParameterizedTest(name = "{1} {2} on {0} -> {5}")
  @MethodSource("outcomes")
  void everyOutcomeGetsExactlyOneLineAtItsLevel(
      String port, String method, String path, String type, String body, int status)
      throws Exception {
    HttpResponse<String> answer = send(port, method, path, type, body, Map.of());
    assertThat(answer.statusCode()).isEqualTo(status);
    String id = answer.headers().firstValue(RequestContext.HEADER).orElseThrow();

    Map<String, String> fields = theOnlyRequestLine(id);

    assertThat(lineOf(id).level())
        .isEqualTo(status >= 500 ? "ERROR" : status >= 400 ? "WARN" : "INFO");
    assertThat(fields)
        .containsEntry("method", method)
        .containsEntry("uri", path)
        .containsEntry("ip", "127.0.0.1")
        .containsEntry("status", Integer.toString(status))
        .containsKey("time_ms");
    assertThat(fields.get("time_ms")).matches("\\d+\\.\\d{3}");
    if (status >= 400) {
      JsonNode error = Fixtures.exactJson(answer.body());
      assertThat(error.get("req_id").asText()).isEqualTo(id);
      assertThat(fields).containsEntry("reason", error.get("message").asText());
    } else {
      assertThat(fields).doesNotContainKey("reason");
    }
  }

  @Test
  void aBugIsLoggedOnceAtErrorWithItsTraceOnTheSameLine() throws Exception {
    HttpResponse<String> answer = send("app", "GET", "/faults/bug", null, null, Map.of());
    assertThat(answer.statusCode()).isEqualTo(500);
    String id = answer.headers().firstValue(RequestContext.HEADER).orElseThrow();

    Map<String, String> fields = theOnlyRequestLine(id);

    assertThat(fields).containsEntry("reason", "Internal Server Error");
    assertThat(fields.get("error"))
        .startsWith("java.lang.IllegalStateException: a bug with a secret in its message\n\tat ")
        .contains("FaultyApplication$Faults.bug");
    assertThat(logLines())
        .filteredOn(line -> line.message().contains("a bug with a secret"))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line.logger()).isEqualTo(REQUESTS))
        .allSatisfy(line -> assertThat(line.level()).isEqualTo("ERROR"));
  }

  @Test
  void aStoreOrServerFailureIsLoggedAtError() throws Exception {
    HttpResponse<String> answer = send("app", "GET", "/faults/unavailable", null, null, Map.of());
    String id = answer.headers().firstValue(RequestContext.HEADER).orElseThrow();

    theOnlyRequestLine(id);

    assertThat(lineOf(id).level()).isEqualTo("ERROR");
    assertThat(lineOf(id).fields().get("error")).contains("ServiceUnavailableException");
  }

  @Test
  void adminRequestsGoToTheirOwnLogger() throws Exception {
    String admin = idOf(send("admin", "GET", "/ping", null, null, Map.of()));
    String api = idOf(send("app", "GET", "/addresses", null, null, Map.of()));
    theOnlyRequestLine(admin);
    theOnlyRequestLine(api);

    assertThat(lineOf(admin).logger()).isEqualTo(CanonicalRequestLog.ADMIN_LOGGER_NAME);
    assertThat(lineOf(api).logger()).isEqualTo(CanonicalRequestLog.LOGGER_NAME);
  }

  @Test
  void levelsFollowTheStatus() throws Exception {
    String ok = idOf(send("app", "GET", "/addresses", null, null, Map.of()));
    String missing = idOf(send("app", "GET", "/addresses/none", null, null, Map.of()));
    theOnlyRequestLine(ok);
    theOnlyRequestLine(missing);

    assertThat(lineOf(ok).level()).isEqualTo("INFO");
    assertThat(lineOf(missing).level()).isEqualTo("WARN");
  }

  @Test
  void aSaneIncomingRequestIdIsUsedEverywhere() throws Exception {
    HttpResponse<String> answer =
        send("app", "GET", "/addresses/none", null, null, Map.of("X-Request-Id", "client.id-42_x"));

    assertThat(answer.headers().firstValue(RequestContext.HEADER)).hasValue("client.id-42_x");
    assertThat(Fixtures.exactJson(answer.body()).get("req_id").asText())
        .isEqualTo("client.id-42_x");
    assertThat(theOnlyRequestLine("client.id-42_x")).containsEntry("req_id", "client.id-42_x");
  }

  @Test
  void anInsaneIncomingRequestIdIsReplaced() throws Exception {
    String tooLong = "a".repeat(129);
    HttpResponse<String> answer =
        send("app", "GET", "/addresses", null, null, Map.of("X-Request-Id", tooLong));
    String id = idOf(answer);

    assertThat(id).matches("[0-9a-f]{32}");
    theOnlyRequestLine(id);
    assertThat(Files.readString(LOG)).doesNotContain(tooLong);
  }

  @Test
  void whatIsLoggedWhileServingARequestCarriesItsId() throws Exception {
    String id = idOf(send("app", "GET", "/faults/chatty", null, null, Map.of()));
    theOnlyRequestLine(id);

    assertThat(logLines())
        .filteredOn(line -> line.message().equals("a line logged while serving a request"))
        .singleElement()
        .satisfies(line -> assertThat(line.mdcRequestId()).isEqualTo(id));
    assertThat(lineOf(id).mdcRequestId()).isEqualTo(id);
  }

  /**
   * Without auth the service reads no key anywhere, but a client may still put one in the query: in
   * any spelling of access_token, its value stays out of the error body and the log line.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/addresses?limit=0&access%5Ftoken=",
        "/addresses?limit=0;ACCESS_TOKEN=",
        "/nowhere?access_token="
      })
  void aKeyInTheQueryIsBlankedInTheErrorBodyAndTheLogLine(String uri) throws Exception {
    String secret = "a-secret-" + UUID.randomUUID();
    HttpResponse<String> answer = send("app", "GET", uri + secret, null, null, Map.of());

    assertThat(answer.statusCode()).isBetween(400, 404);
    assertThat(Fixtures.exactJson(answer.body()).get("uri").asText()).isEqualTo(uri + "***");
    assertThat(theOnlyRequestLine(idOf(answer))).containsEntry("uri", uri + "***");
    assertThat(Files.readString(LOG)).doesNotContain(secret);
  }

  @Test
  void aHostileHeaderCannotForgeAFieldOrALine() {
    String agent = "x\" status=200 reason=\"none\u00e2\u0080\u00a8end\u00ff";
    RawHttp.Answer answer =
        RawHttp.send(
            APP.getLocalPort(),
            ("GET /addresses/none HTTP/1.1\r\nHost: localhost\r\nUser-Agent: "
                    + agent
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    String id = answer.headers().get("x-request-id");

    Map<String, String> fields = theOnlyRequestLine(id);

    assertThat(fields).containsEntry("status", "404").containsEntry("agent", agent);
    assertThat(fields).containsEntry("reason", "Address entry not found");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("hostileUris")
  void aHostileUriCannotForgeAFieldOrALine(String uri, int status) {
    RawHttp.Answer answer =
        RawHttp.send(
            APP.getLocalPort(),
            ("GET " + uri + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(status);

    Map<String, String> fields = theOnlyRequestLine(answer.headers().get("x-request-id"));

    assertThat(fields).containsEntry("uri", uri).containsEntry("status", Integer.toString(status));
  }

  static Stream<Arguments> hostileUris() {
    String forgery = "x\"+status=200+reason=\"\\\u2028\u0085";
    return Stream.of(
        Arguments.of("/addresses?q=" + forgery, 200), Arguments.of("/addresses/" + forgery, 400));
  }

  @Test
  void requestsJettyRefusesBeforeRoutingAreLoggedToo() {
    RawHttp.Answer ambiguous =
        RawHttp.send(
            APP.getLocalPort(),
            "GET /addresses/%2e%2e/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    RawHttp.Answer tooLarge =
        RawHttp.send(
            APP.getLocalPort(),
            "GET /addresses HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

    assertThat(ambiguous.status()).isEqualTo(400);
    assertThat(theOnlyRequestLine(ambiguous.headers().get("x-request-id")))
        .containsEntry("status", "400")
        .containsEntry("reason", "Bad Request");
    assertThat(tooLarge.status()).isEqualTo(431);
    assertThat(theOnlyRequestLine(tooLarge.headers().get("x-request-id")))
        .containsEntry("status", "431");
  }

  @Test
  void anUnparsableRequestLineIsLoggedWithTheIdItWasAnswered() {
    RawHttp.Answer answer = RawHttp.send(APP.getLocalPort(), "GARBAGE\r\n\r\n");

    assertThat(answer.status()).isEqualTo(400);
    String id = answer.headers().get("x-request-id");
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(theOnlyRequestLine(id)).containsEntry("status", "400");
  }

  @Test
  void everyLineInTheFileIsOneWholeRecord() throws Exception {
    send("app", "GET", "/faults/bug", null, null, Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> !logLines().isEmpty());

    List<String> raw = Files.readAllLines(LOG);
    assertThat(raw).allSatisfy(line -> assertThat(line).matches(LAYOUT));
    assertThat(logLines())
        .filteredOn(line -> line.logger().startsWith(REQUESTS))
        .allSatisfy(line -> assertThat(line.fields()).containsKeys("req_id", "status"));
  }

  private Map<String, String> theOnlyRequestLine(String id) {
    assertThat(id).isNotNull();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !requestLines(id).isEmpty());
    List<LogLine> lines = requestLines(id);
    assertThat(lines).hasSize(1);
    return lines.get(0).fields();
  }

  private LogLine lineOf(String id) {
    return requestLines(id).get(0);
  }

  private static List<LogLine> requestLines(String id) {
    return logLines().stream()
        .filter(line -> line.logger().startsWith(REQUESTS))
        .filter(line -> id.equals(line.fields().get("req_id")))
        .toList();
  }

  private static List<LogLine> logLines() {
    List<LogLine> lines = new ArrayList<>();
    try {
      for (String raw : Files.readAllLines(LOG)) {
        Matcher matcher = LAYOUT.matcher(raw);
        if (matcher.matches()) {
          lines.add(
              new LogLine(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private HttpResponse<String> send(
      String port,
      String method,
      String path,
      String type,
      String body,
      Map<String, String> headers)
      throws Exception {
    int number = port.equals("admin") ? APP.getAdminPort() : APP.getLocalPort();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + number + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      request.header("Content-Type", type);
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String idOf(HttpResponse<String> answer) {
    return answer.headers().firstValue(RequestContext.HEADER).orElseThrow();
  }
}
