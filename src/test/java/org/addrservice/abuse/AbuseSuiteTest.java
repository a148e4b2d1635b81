package org.addrservice.abuse;

import static org.addrservice.abuse.Abuse.assertEveryStoredEntryIsValid;
import static org.addrservice.abuse.Abuse.assertNothingLeaks;
import static org.addrservice.abuse.Abuse.assertRefused;
import static org.addrservice.abuse.Abuse.get;
import static org.addrservice.abuse.Abuse.post;
import static org.addrservice.abuse.Abuse.rows;
import static org.addrservice.abuse.Abuse.send;
import static org.addrservice.abuse.Abuse.shown;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on the real HTTP API of the real application on a SQLite file, with the shipped limits.
 * Each test is one row of the README's table "What was tried and what the service answered"; after
 * each, every row of the store is checked to be a valid entry, and the entry every test starts with
 * to be intact.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AbuseSuiteTest {

  private static final Path DATABASE = newDirectory().resolve("addressbook.db");

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/sqlite.yml").toString(),
          ConfigOverride.config("store.file", DATABASE.toString()),
          ConfigOverride.config("limits.maxBodySize", "64KiB"));

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  /** An entry each test starts with, and that must be there, unchanged, when it ends. */
  private String witnessLocation;

  private JsonNode witness;

  private int rowsBefore;

  @BeforeEach
  void storeAWitness() {
    witness = Fixtures.exactJson(Fixtures.text("entries/full.json"));
    RawHttp.Answer created = post(port(), utf8(Fixtures.text("entries/full.json")));
    assertThat(created.status()).as(shown(created)).isEqualTo(201);
    witnessLocation = created.headers().get("location");
    rowsBefore = rows(DATABASE).size();
  }

  @AfterEach
  void theStoreHoldsOnlyValidEntriesAndTheWitness() {
    assertEveryStoredEntryIsValid(DATABASE);
    RawHttp.Answer read = get(port(), witnessLocation);
    assertThat(read.status()).as(shown(read)).isEqualTo(200);
    assertThat(Fixtures.exactJson(read.body())).isEqualTo(witness);
  }

  // ---- paths and ids ---------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/addresses/../../../etc/passwd",
        "/addresses/..%2F..%2F..%2Fetc%2Fpasswd",
        "/addresses/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/addresses/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
        "/addresses/..%5C..%5C..%5Cconfig.yml",
        "/addresses/%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
        "/addresses/....//....//etc/passwd",
        "/addresses/..;/..;/config.yml",
        "/addresses/%2Fetc%2Fpasswd",
        "/addresses/%00",
        "/addresses/x%00.json",
        "/addresses/~root",
        "/../../../../etc/passwd",
        "/addresses/.",
        "/addresses/%2e",
        "/addresses/%FF%FE",
        "/addresses/%",
        "/addresses/a%0D%0ASet-Cookie:%20x=1"
      })
  void pathTraversalAndEncodedIdsNameNoEntryAndReadNoFile(String target) {
    for (String method : List.of("GET", "PUT", "DELETE")) {
      byte[] body = method.equals("PUT") ? utf8(Fixtures.text("entries/minimal.json")) : null;
      RawHttp.Answer answer = send(port(), method, target, JSON, body);
      assertRefused(answer, 400, 404);
      assertThat(answer.headers()).doesNotContainKey("set-cookie");
    }
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1' OR '1'='1",
        "'; DROP TABLE address_entries; --",
        "x' UNION SELECT id, document FROM address_entries --",
        "1 OR 1=1",
        "1--",
        "0 or 1=1",
        "%",
        "*"
      })
  void sqlInjectionShapedIdsNameNoEntryAndTheTableStaysIntact(String id) {
    String target = "/addresses/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    for (String method : List.of("GET", "PUT", "DELETE")) {
      byte[] body = method.equals("PUT") ? utf8(Fixtures.text("entries/minimal.json")) : null;
      assertRefused(send(port(), method, target, JSON, body), 400, 404);
    }
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  @Test
  void sqlInjectionShapedFieldValuesAreStoredVerbatimAndReadBackUnchanged() {
    String entry = Fixtures.text("abuse/sql-injection-entry.json");
    RawHttp.Answer created = post(port(), utf8(entry));
    assertThat(created.status()).as(shown(created)).isEqualTo(201);
    String location = created.headers().get("location");

    RawHttp.Answer read = get(port(), location);
    assertThat(read.status()).isEqualTo(200);
    assertThat(Fixtures.exactJson(read.body())).isEqualTo(Fixtures.exactJson(entry));
    String id = location.substring("/addresses/".length());
    assertThat(rows(DATABASE)).hasSize(rowsBefore + 1).containsEntry(id, Fixtures.exactJson(entry));
  }

  @Test
  void sqlInjectionShapedSearchesFindOnlyNamesThatContainThem() {
    for (String q : Fixtures.text("abuse/sql-injection-search.txt").lines().toList()) {
      RawHttp.Answer found =
          get(port(), "/addresses?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
      assertThat(found.status()).as(shown(found)).isEqualTo(200);
      JsonNode page = Fixtures.exactJson(found.body());
      page.properties()
          .forEach(
              match ->
                  assertThat(match.getValue().get("full_name").asText().toLowerCase(Locale.ROOT))
                      .contains(q.toLowerCase(Locale.ROOT)));
      assertThat(page.has(witnessLocation.substring("/addresses/".length()))).isFalse();
    }
  }

  // ---- headers and bodies ----------------------------------------------------------------------

  @Test
  void anOversizedHeaderAnswers431() {
    RawHttp.Answer answer =
        send(port(), "GET", "/addresses", Map.of("X-Padding", "x".repeat(64 * 1024)), null);
    assertRefused(answer, 431);
  }

  @Test
  void thousandsOfHeadersAnswer431() {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < 5_000; i++) {
      headers.put("X-H" + i, "v");
    }
    assertRefused(send(port(), "GET", "/addresses", headers, null), 431);
  }

  @Test
  void anOversizedUriIsRefused() {
    assertRefused(get(port(), "/addresses/" + "a".repeat(64 * 1024)), 414, 431);
  }

  @Test
  void anOversizedBodyAnswers413AndStoresNothing() {
    byte[] body = utf8("{\"full_name\": \"" + "x".repeat(70_000) + "\"}");
    assertRefused(post(port(), body), 413);
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  @Test
  void anOversizedChunkedBodyAnswers413AndStoresNothing() {
    String chunk = "x".repeat(16 * 1024);
    StringBuilder request =
        new StringBuilder(
            head(
                "POST /addresses HTTP/1.1",
                "Content-Type: application/json",
                "Transfer-Encoding: chunked"));
    String open = "{\"full_name\": \"";
    request.append(Integer.toHexString(open.length())).append("\r\n").append(open).append("\r\n");
    for (int i = 0; i < 64; i++) {
      request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk);
      request.append("\r\n");
    }
    request.append("2\r\n\"}\r\n0\r\n\r\n");
    assertRefused(RawHttp.send(port(), request.toString()), 413);
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  @Test
  void aHugeContentLengthAnswers413BeforeTheBodyAndStoresNothing() {
    String head =
        head(
            "POST /addresses HTTP/1.1",
            "Content-Type: application/json",
            "Content-Length: 1000000000000");
    try (RawHttp.SlowRequest request = RawHttp.SlowRequest.open(port(), head)) {
      RawHttp.Answer answer = request.answer();
      assertRefused(answer, 413);
      assertThat(answer.body()).contains("Request body too large");
    }
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  @Test
  void aBodyShorterThanItsContentLengthAnswers400AndStoresNothing() {
    String head =
        head("POST /addresses HTTP/1.1", "Content-Type: application/json", "Content-Length: 4000");
    try (RawHttp.SlowRequest request = RawHttp.SlowRequest.open(port(), head)) {
      RawHttp.Answer answer = request.finish(utf8(Fixtures.text("entries/minimal.json")));
      assertRefused(answer, 400);
      assertThat(answer.body()).contains("Incomplete request body");
    }
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  // ---- JSON ------------------------------------------------------------------------------------

  @Test
  void deeplyNestedArraysAnswer400WithoutExhaustingTheStack() {
    int depth = 20_000;
    String body = "{\"full_name\": \"Deep\", \"x\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
    RawHttp.Answer answer = post(port(), utf8(body));
    assertRefused(answer, 400);
    assertThat(answer.body()).contains("nesting deeper than 32 levels");
  }

  @Test
  void deeplyNestedObjectsAnswer400WithoutExhaustingTheStack() {
    int depth = 5_000;
    String body = "{\"full_name\": \"Deep\", " + "\"a\": {".repeat(depth) + "}".repeat(depth) + "}";
    assertRefused(post(port(), utf8(body)), 400);
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "C328", // a lead byte followed by a byte that cannot continue it
        "C0AF", // an overlong encoding of '/'
        "EDA080", // a UTF-16 surrogate encoded as UTF-8
        "F4908080", // above U+10FFFF
        "FF", // never valid in UTF-8
        "E282" // truncated
      })
  void invalidUtf8InABodyAnswers400AndStoresNothing(String hex) {
    byte[] open = utf8("{\"full_name\": \"a");
    byte[] bad = HexFormat.of().parseHex(hex);
    byte[] close = utf8("b\"}");
    byte[] body = new byte[open.length + bad.length + close.length];
    System.arraycopy(open, 0, body, 0, open.length);
    System.arraycopy(bad, 0, body, open.length, bad.length);
    System.arraycopy(close, 0, body, open.length + bad.length, close.length);
    RawHttp.Answer answer = post(port(), body);
    assertRefused(answer, 400);
    assertThat(answer.body()).contains("Invalid JSON body");
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  @Test
  void invalidUtf8InAHeaderOrQueryIsAnsweredWithoutA5xx() {
    byte[] request =
        head(
                "GET /addresses?q=%FF%FE HTTP/1.1",
                "X-Request-Id: \u00ff\u00fe", "Idempotency-Key: \u00c3(")
            .getBytes(StandardCharsets.ISO_8859_1);
    RawHttp.Answer answer = RawHttp.send(port(), request);
    assertThat(answer.status()).as(shown(answer)).isIn(200, 400);
    assertNothingLeaks(answer);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"full_name\": \"A\", \"full_name\": \"B\"}",
        "{\"full_name\": \"A\", \"emails\": [{\"kind\": \"home\", \"kind\": \"work\","
            + " \"email\": \"a@example.org\"}]}",
        "{\"full_name\": \"A\", \"emails\": [], \"emails\": [{\"kind\": \"home\","
            + " \"email\": \"a@example.org\"}]}"
      })
  void duplicateJsonKeysAnswer400AndStoreNothing(String body) {
    RawHttp.Answer answer = post(port(), utf8(body));
    assertRefused(answer, 400);
    assertThat(answer.body()).contains("Invalid JSON body");
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e2147483648",
        "1e-2147483649",
        "1e99999999999999999999",
        "99999999999999999999999999999999999999999999999999"
            + "999999999999999999999999999999999999999999999999999",
      })
  void numbersNoDecimalCanHoldAnswer400AndStoreNothing(String number) {
    String body =
        "{\"full_name\": \"Big\", \"phone_numbers\": [{\"kind\": \"home\", \"country_code\": 1,"
            + " \"local_number\": "
            + number
            + "}]}";
    RawHttp.Answer answer = post(port(), utf8(body));
    assertRefused(answer, 400);
    assertThat(answer.body()).contains("Invalid JSON body");
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  @Test
  void hugeButHoldableNumbersAreStoredVerbatim() {
    String entry = Fixtures.text("limits/number-huge-exponents.json");
    RawHttp.Answer created = post(port(), utf8(entry));
    assertThat(created.status()).as(shown(created)).isEqualTo(201);
    RawHttp.Answer read = get(port(), created.headers().get("location"));
    assertThat(Fixtures.exactJson(read.body())).isEqualTo(Fixtures.exactJson(entry));
  }

  // ---- slow clients ----------------------------------------------------------------------------

  /**
   * Fifty connections that each send one byte a second, half of them still in their headers and
   * half in a body, hold no thread that others need: meanwhile every other request is answered
   * within a second.
   */
  @Test
  void fiftySlowClientsDoNotKeepOthersWaiting() throws Exception {
    List<Socket> slow = new ArrayList<>();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int i = 0; i < 50; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port());
        String head =
            i % 2 == 0
                ? "GET /addresses HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                : "POST /addresses HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{";
        write(socket, utf8(head));
        slow.add(socket);
      }
      Future<?> trickling =
          trickle.scheduleAtFixedRate(
              () -> {
                // A header value grows by a letter; a JSON body by white space.
                for (int i = 0; i < slow.size(); i++) {
                  write(slow.get(i), new byte[] {i % 2 == 0 ? (byte) 'x' : (byte) ' '});
                }
              },
              1,
              1,
              TimeUnit.SECONDS);

      long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      int answered = 0;
      while (System.nanoTime() < until) {
        long started = System.nanoTime();
        RawHttp.Answer answer = get(port(), witnessLocation);
        assertThat(answer.status()).as(shown(answer)).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        answered++;
      }
      assertThat(answered).isGreaterThan(10);
      assertThat(slow).allSatisfy(socket -> assertThat(socket.isClosed()).isFalse());
      assertThat(trickling.isDone()).as("the slow clients were still sending").isFalse();
    } finally {
      trickle.shutdownNow();
      for (Socket socket : slow) {
        socket.close();
      }
    }
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A request head that closes the connection after the answer. */
  private static String head(String requestLine, String... headers) {
    return requestLine
        + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + String.join("", Arrays.stream(headers).map(h -> h + "\r\n").toList())
        + "\r\n";
  }

  private static void write(Socket socket, byte[] bytes) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int port() {
    return APP.getLocalPort();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("addrservice-abuse");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
