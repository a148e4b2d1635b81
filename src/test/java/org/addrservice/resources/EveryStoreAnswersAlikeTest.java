package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.core.model.PageRequest;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.RawHttp;
import org.addrservice.testing.TestPostgres;
import org.glassfish.jersey.uri.UriComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same edge inputs, through real HTTP, to the application on every store at once (memory, a
 * directory, a SQLite file, and PostgreSQL when a test database is named): every store answers each
 * with the same status, message and errors, none with a 5xx, and what they store reads back the
 * same from each, byte for byte.
 */
class EveryStoreAnswersAlikeTest {

  private static final String JSON = "application/json";
  private static final String INVALID_JSON = "Invalid JSON body";
  private static final String SCHEMA = "JSON Schema validation failed";
  private static final String QUERY = "Invalid query parameter";
  private static final String KNOWN = "{known}";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static final Map<String, DropwizardTestSupport<AddrServiceConfiguration>> APPS =
      new LinkedHashMap<>();

  /** The location of an entry each store holds, which replaces and patches land on. */
  private static final Map<String, String> KNOWN_LOCATIONS = new LinkedHashMap<>();

  private static Path directory;

  @BeforeAll
  static void startOneApplicationPerStore() throws Exception {
    directory = Files.createTempDirectory("addrservice-alike");
    start("memory");
    start("fs", "store.directory", directory.resolve("book").toString());
    start("sqlite", "store.file", directory.resolve("book.db").toString());
    if (TestPostgres.configuredUrl().isPresent()) {
      TestPostgres.truncate();
      start("postgres", "store.database.url", TestPostgres.url());
    }
  }

  /** Each application reads its settings under a prefix of its own, since all run at once. */
  private static void start(String store, String... settings) throws Exception {
    String prefix = "alike." + store + ".";
    List<ConfigOverride> overrides = new ArrayList<>();
    for (int i = 0; i < settings.length; i += 2) {
      overrides.add(ConfigOverride.config(prefix, settings[i], settings[i + 1]));
    }
    DropwizardTestSupport<AddrServiceConfiguration> app =
        new DropwizardTestSupport<>(
            AddrServiceApplication.class,
            Fixtures.path("config/" + store + ".yml").toString(),
            prefix,
            overrides.toArray(ConfigOverride[]::new));
    APPS.put(store, app);
    app.before();
    Answer created = send(app, new Edge("POST", "/addresses", JSON, "entries/full.json"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    KNOWN_LOCATIONS.put(store, created.location());
  }

  @AfterAll
  static void stopThem() throws IOException {
    APPS.values().forEach(DropwizardTestSupport::after);
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(file);
      }
    }
  }

  /**
   * A request; {@code target} may be {@value #KNOWN}, the entry every store holds, and {@code body}
   * names a fixture (of an invalid one, its entry) or is null.
   */
  record Edge(String method, String target, String contentType, String body) {

    Edge at(String knownLocation) {
      return new Edge(method, target.replace(KNOWN, knownLocation), contentType, body);
    }
  }

  static Stream<Arguments> edgeInputs() {
    List<Arguments> edges = new ArrayList<>();
    for (String strict :
        List.of(
            "nul-in-full-name",
            "nul-in-a-nested-string",
            "nul-in-a-member-name",
            "lone-high-surrogate",
            "lone-low-surrogate",
            "surrogates-in-the-wrong-order",
            "lone-surrogate-in-a-nested-member-name")) {
      String body = "strict/" + strict + ".json";
      edges.add(edge("POST " + strict, "POST", "/addresses", JSON, body, 400, INVALID_JSON));
      edges.add(edge("PUT " + strict, "PUT", KNOWN, JSON, body, 400, INVALID_JSON));
      edges.add(edge("PATCH " + strict, "PATCH", KNOWN, patch(), body, 400, INVALID_JSON));
    }
    for (String invalid :
        List.of(
            "unicode-whitespace-full-name",
            "unicode-whitespace-address-strings",
            "email-domain-not-under-a-public-suffix")) {
      String body = "invalid/" + invalid + ".json";
      edges.add(edge("POST " + invalid, "POST", "/addresses", JSON, body, 400, SCHEMA));
      edges.add(edge("PUT " + invalid, "PUT", KNOWN, JSON, body, 400, SCHEMA));
    }
    for (String valid :
        List.of("number-spellings", "escaped-strings", "international-emails", "extreme-numbers")) {
      String body = "entries/" + valid + ".json";
      edges.add(edge("POST " + valid, "POST", "/addresses", JSON, body, 201, null));
      edges.add(edge("PUT " + valid, "PUT", KNOWN, JSON, body, 204, null));
    }
    edges.add(
        edge(
            "PATCH number spellings",
            "PATCH",
            KNOWN,
            patch(),
            "merge-patch/number-spellings-patch.json",
            204,
            null));
    int longest = PageRequest.MAX_SEARCH_LENGTH;
    edges.add(search("NUL", "%00", 400, QUERY));
    edges.add(search("NUL after text", "Ada%00", 400, QUERY));
    edges.add(search("one over the longest", "x".repeat(longest + 1), 400, QUERY));
    edges.add(search("longest of U+FDFA", encoded("\uFDFA".repeat(longest)), 200, null));
    edges.add(search("one over of U+FDFA", encoded("\uFDFA".repeat(longest + 1)), 400, QUERY));
    edges.add(search("2,000 raw U+FDFA", "\uFDFA".repeat(2_000), 400, QUERY));
    edges.add(search("longest raw U+FDFA", "\uFDFA".repeat(longest), 200, null));
    edges.add(search("an encoded surrogate", "%ED%A0%80", 200, null));
    return edges.stream();
  }

  private static Arguments edge(
      String name,
      String method,
      String target,
      String contentType,
      String body,
      int status,
      String message) {
    return Arguments.of(name, new Edge(method, target, contentType, body), status, message);
  }

  private static Arguments search(String name, String q, int status, String message) {
    return edge("GET q: " + name, "GET", "/addresses?q=" + q, null, null, status, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edgeInputs")
  void everyStoreAnswersAnEdgeInputAlike(String name, Edge edge, int status, String message) {
    Map<String, Answer> answers = new LinkedHashMap<>();
    APPS.forEach(
        (store, app) -> {
          Edge sent = edge.at(KNOWN_LOCATIONS.get(store));
          answers.put(store, readBack(app, sent, send(app, sent)));
        });

    Answer first = answers.values().iterator().next();
    assertThat(first.status()).as(answers.toString()).isEqualTo(status);
    if (message != null) {
      assertThat(Fixtures.exactJson(first.body()).get("message").asText()).isEqualTo(message);
    }
    if (edge.body() != null && edge.body().startsWith("invalid/")) {
      assertThat(failingPaths(first.body()))
          .as(first.body())
          .isEqualTo(failingPaths(Fixtures.json(edge.body()).get("failing_paths")));
    }
    answers.forEach(
        (store, answer) ->
            assertThat(answer.sameAs()).as(store + " beside " + answers).isEqualTo(first.sameAs()));
  }

  /** The JSON paths an error body's lines name. */
  private static Set<String> failingPaths(String errorBody) {
    Set<String> paths = new TreeSet<>();
    Fixtures.exactJson(errorBody)
        .get("errors")
        .forEach(line -> paths.add(line.asText().substring(0, line.asText().indexOf(": "))));
    return paths;
  }

  private static Set<String> failingPaths(JsonNode fixturePaths) {
    Set<String> paths = new TreeSet<>();
    fixturePaths.forEach(path -> paths.add(path.asText()));
    return paths;
  }

  // ---- sending -------------------------------------------------------------------------------

  /** What the client sees: status, headers that matter, the body, and what it stored. */
  record Answer(int status, String location, String body, String stored) {

    /**
     * What must be equal between stores: the status, the message and errors of an error (not its
     * request id), and the entry stored.
     */
    List<Object> sameAs() {
      List<Object> same = new ArrayList<>(List.of(status));
      if (status >= 400) {
        JsonNode error = Fixtures.exactJson(body);
        same.add(error.get("message"));
        same.add(error.get("errors"));
      }
      same.add(stored == null ? "" : stored);
      return same;
    }
  }

  /** The answer to {@code sent}, with the entry it created or changed as the store reads it. */
  private static Answer readBack(
      DropwizardTestSupport<AddrServiceConfiguration> app, Edge sent, Answer answer) {
    String written =
        answer.status() == 201 ? answer.location() : answer.status() == 204 ? sent.target() : null;
    if (written == null) {
      return answer;
    }
    Answer read = send(app, new Edge("GET", written, null, null));
    assertThat(read.status()).isEqualTo(200);
    return new Answer(answer.status(), answer.location(), answer.body(), read.body());
  }

  private static Answer send(DropwizardTestSupport<AddrServiceConfiguration> app, Edge edge) {
    byte[] body = edge.body() == null ? null : bodyOf(edge.body());
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(edge.target())) {
      return sendRaw(app, edge);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + edge.target()))
            .timeout(Duration.ofSeconds(30))
            .method(
                edge.method(),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (edge.contentType() != null) {
      request.header("Content-Type", edge.contentType());
    }
    try {
      HttpResponse<String> answer =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          answer.statusCode(),
          answer.headers().firstValue("Location").orElse(null),
          answer.body(),
          null);
    } catch (IOException e) {
      throw new AssertionError("request failed: " + edge, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Raw UTF-8 in the request line, which HttpClient would percent-encode. */
  private static Answer sendRaw(DropwizardTestSupport<AddrServiceConfiguration> app, Edge edge) {
    String request =
        edge.method()
            + " "
            + edge.target()
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    RawHttp.Answer answer =
        RawHttp.send(app.getLocalPort(), request.getBytes(StandardCharsets.UTF_8));
    return new Answer(answer.status(), null, answer.body(), null);
  }

  private static byte[] bodyOf(String fixture) {
    String text =
        fixture.startsWith("invalid/")
            ? Fixtures.json(fixture).get("entry").toString()
            : Fixtures.text(fixture);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String patch() {
    return AddressBookResource.MERGE_PATCH_JSON;
  }

  private static String encoded(String text) {
    return UriComponent.encode(text, UriComponent.Type.QUERY_PARAM_SPACE_ENCODED);
  }
}
