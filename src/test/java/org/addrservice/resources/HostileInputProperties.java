package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.lifecycle.SkipExecutionHook.SkipResult;
import net.jqwik.api.statistics.Statistics;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.core.EntryValidator;
import org.addrservice.core.model.PageRequest;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.RawHttp;
import org.addrservice.testing.TestPostgres;

/**
 * Random and hostile requests through real HTTP against the real application on every store (a
 * SQLite file, PostgreSQL when a test database is named, memory, a directory), with the shipped
 * limits: whatever the method, path, id, query, headers and body, the service never answers 5xx,
 * every error is the JSON error body, and every entry it keeps still passes the schema. Requests
 * with raw Unicode in the target, and those that {@link HttpClient} refuses to send (control
 * characters in the target or a header, odd methods), go over a plain socket instead.
 */
class HostileInputProperties {

  private static final String KNOWN_ID = "{known}";
  private static final String KNOWN_ID_UPPER_CASE = "{KNOWN}";
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>; rel=\"next\"");
  private static final JsonNodeFactory NODES = Fixtures.EXACT_JSON.getNodeFactory();
  private static final EntryValidator VALIDATOR = new EntryValidator();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** The application on each store, by store type: postgres only when a test database is named. */
  private static final Map<String, Target> TARGETS = new LinkedHashMap<>();

  private static Path directory;

  /** One application under attack, and the id of an entry its book holds. */
  private static final class Target {
    private final DropwizardTestSupport<AddrServiceConfiguration> app;

    /** So that requests also reach existing entries. */
    private String knownId;

    Target(DropwizardTestSupport<AddrServiceConfiguration> app) {
      this.app = app;
    }
  }

  @BeforeContainer
  static void startApplications() throws Exception {
    directory = Files.createTempDirectory("addrservice-hostile");
    start("sqlite", "store.file", directory.resolve("book.db").toString());
    start("memory");
    start("fs", "store.directory", directory.resolve("book").toString());
    if (TestPostgres.configuredUrl().isPresent()) {
      TestPostgres.truncate();
      start("postgres", "store.database.url", TestPostgres.url());
    }
  }

  /**
   * Starts the application on {@code fixtures/config/<store>.yml} with the given settings (key,
   * value, ...). Each reads its settings under a system property prefix of its own, since all run
   * at once.
   */
  private static void start(String store, String... settings) throws Exception {
    String prefix = "hostile." + store + ".";
    List<ConfigOverride> overrides = new ArrayList<>();
    overrides.add(
        ConfigOverride.config(prefix, "limits.maxBodySize", MAX_BODY_BYTES / 1024 + "KiB"));
    for (int i = 0; i < settings.length; i += 2) {
      overrides.add(ConfigOverride.config(prefix, settings[i], settings[i + 1]));
    }
    Target target =
        new Target(
            new DropwizardTestSupport<>(
                AddrServiceApplication.class,
                Fixtures.path("config/" + store + ".yml").toString(),
                prefix,
                overrides.toArray(ConfigOverride[]::new)));
    TARGETS.put(store, target);
    target.app.before();
    target.knownId = anEntryOfTheBook(target);
  }

  @AfterContainer
  static void stopApplications() throws IOException {
    TARGETS.values().forEach(target -> target.app.after());
    TARGETS.clear();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(file);
      }
    }
  }

  // The book carries over from try to try, so a shrunk request would not be the one that broke it.
  @Property(tries = 150, shrinking = ShrinkingMode.OFF)
  void noRequestGetsA5xxOrAnErrorOutsideTheJsonBodyOrStoresAnInvalidEntryOnSqlite(
      @ForAll("requests") HostileRequest request) {
    attack("sqlite", request);
  }

  @Property(tries = 150, shrinking = ShrinkingMode.OFF)
  @AddLifecycleHook(SkippedWithoutTestPostgres.class)
  void noRequestGetsA5xxOrAnErrorOutsideTheJsonBodyOrStoresAnInvalidEntryOnPostgres(
      @ForAll("requests") HostileRequest request) {
    attack("postgres", request);
  }

  @Property(tries = 60, shrinking = ShrinkingMode.OFF)
  void noRequestGetsA5xxOrAnErrorOutsideTheJsonBodyOrStoresAnInvalidEntryOnMemory(
      @ForAll("requests") HostileRequest request) {
    attack("memory", request);
  }

  @Property(tries = 60, shrinking = ShrinkingMode.OFF)
  void noRequestGetsA5xxOrAnErrorOutsideTheJsonBodyOrStoresAnInvalidEntryOnFs(
      @ForAll("requests") HostileRequest request) {
    attack("fs", request);
  }

  private static void attack(String store, HostileRequest request) {
    Target target = TARGETS.get(store);
    Answer answer = send(target, request.withId(target.knownId));
    Statistics.label("status").collect(answer.status());
    Statistics.label("sent over").collect(answer.sentOver());

    assertThat(answer.status()).as(answer.toString()).isBetween(100, 499);
    if (answer.status() >= 400) {
      assertIsErrorBody(answer, request.method());
    }
    target.knownId = anEntryOfTheBook(target);
  }

  /** Skips a property when no PostgreSQL test database is named, as the JUnit tests skip. */
  static final class SkippedWithoutTestPostgres implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return TestPostgres.configuredUrl().isPresent()
          ? SkipResult.doNotSkip()
          : SkipResult.skip(TestPostgres.HOW_TO_RUN);
    }
  }

  // ---- what is sent ----------------------------------------------------------------------------

  /** One request; {@code target} may hold {@link #KNOWN_ID}, replaced by an id of the book. */
  static final class HostileRequest {

    private final String method;
    private final String target;
    private final List<Header> headers;
    private final byte[] body;

    HostileRequest(String method, String target, List<Header> headers, byte[] body) {
      this.method = method;
      this.target = target;
      this.headers = List.copyOf(headers);
      this.body = body == null ? null : body.clone();
    }

    String method() {
      return method;
    }

    String target() {
      return target;
    }

    List<Header> headers() {
      return headers;
    }

    /** The body's bytes, or null for none. */
    byte[] body() {
      return body == null ? null : body.clone();
    }

    HostileRequest withId(String id) {
      String named =
          target.replace(KNOWN_ID, id).replace(KNOWN_ID_UPPER_CASE, id.toUpperCase(Locale.ROOT));
      return new HostileRequest(method, named, headers, body);
    }

    @Override
    public String toString() {
      String shown =
          body == null
              ? "no body"
              : body.length + " bytes: " + new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + abbreviate(target)
          + " "
          + headers.stream().map(Header::toString).toList()
          + " "
          + abbreviate(shown);
    }
  }

  record Header(String name, String value) {
    @Override
    public String toString() {
      return name + ": " + abbreviate(value);
    }
  }

  @Provide
  Arbitrary<HostileRequest> requests() {
    Arbitrary<HostileRequest> creates =
        Combinators.combine(collection(), headers(), bodies())
            .as((target, headers, body) -> new HostileRequest("POST", target, headers, body));
    Arbitrary<HostileRequest> any =
        Combinators.combine(methods(), targets(), headers(), bodies()).as(HostileRequest::new);
    Arbitrary<HostileRequest> searches =
        searchesAtAndOverTheLimit()
            .map(q -> new HostileRequest("GET", "/addresses?q=" + q, List.of(), null));
    return Arbitraries.frequencyOf(
        Tuple.of(2, creates),
        Tuple.of(4, any),
        Tuple.of(2, searches),
        Tuple.of(1, unstorableWrites()));
  }

  /** Every kind of write, of text that no store can keep, where it would be written. */
  private static Arbitrary<HostileRequest> unstorableWrites() {
    Arbitrary<byte[]> bodies = Arbitraries.oneOf(fixtures("strict"), unstorableText());
    return Combinators.combine(Arbitraries.of("POST", "PUT", "PATCH"), bodies)
        .as(
            (method, body) ->
                new HostileRequest(
                    method,
                    method.equals("POST") ? "/addresses" : "/addresses/" + KNOWN_ID,
                    List.of(
                        new Header(
                            "Content-Type",
                            method.equals("PATCH")
                                ? "application/merge-patch+json"
                                : "application/json")),
                    body));
  }

  private static Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE");
  }

  private static Arbitrary<String> collection() {
    return Combinators.combine(Arbitraries.of("/addresses", "/addresses/"), queries())
        .as(String::concat);
  }

  /** Mostly an entry of the book, since that is where most of the hostility can land. */
  private static Arbitrary<String> targets() {
    Arbitrary<String> paths =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.of("/addresses", "/addresses/")),
            Tuple.of(6, ids().map(id -> "/addresses/" + id)),
            Tuple.of(1, ids().map(id -> "/addresses/" + id + "/")),
            Tuple.of(
                1,
                Arbitraries.of(
                    "/",
                    "//addresses",
                    "/ADDRESSES",
                    "/addresses;x=1",
                    "/addresses/x/y",
                    "/addresses/%2e%2e/%2e%2e/etc/passwd",
                    "/addresses/..%2F..%2Fconfig.yml",
                    "/addresses/" + KNOWN_ID + "/..",
                    "/openapi.json",
                    "/schema/address-entry.json",
                    "*")));
    return Combinators.combine(paths, queries()).as(String::concat);
  }

  private static Arbitrary<String> ids() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.just(KNOWN_ID)),
        Tuple.of(
            1, Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').ofLength(32)),
        Tuple.of(
            1,
            Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1).ofMaxLength(40)),
        Tuple.of(
            1, Arbitraries.strings().all().ofMaxLength(30).map(HostileInputProperties::encoded)),
        Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(200).ofMaxLength(5_000)),
        Tuple.of(
            3,
            Arbitraries.of(
                "..",
                ".",
                "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e",
                "..%5C..%5Cwindows",
                "%00",
                KNOWN_ID + "%00",
                KNOWN_ID + "%20",
                KNOWN_ID_UPPER_CASE,
                "%2F",
                "%",
                "%zz",
                "%FF%FE",
                "1'%20OR%20'1'='1",
                "%27%3B%20DROP%20TABLE%20address_entries%3B--",
                "1%20UNION%20SELECT%20*%20FROM%20address_entries",
                "caf%C3%A9",
                "caf\u00e9",
                "\u674e\u5c0f\u9f99",
                "%F0%9F%90%89",
                "\u202eevil",
                "a%0D%0AX-Injected:%201",
                "a\tb",
                "*",
                "$",
                "~")));
  }

  private static Arbitrary<String> queries() {
    Arbitrary<String> limit =
        Arbitraries.of(
            "",
            "0",
            "1",
            "-1",
            "abc",
            "1000",
            "1001",
            "99999999999999999999",
            "1e3",
            "%205",
            "%00",
            "2147483648");
    Arbitrary<String> after =
        Arbitraries.oneOf(
            Arbitraries.of("", "zzz", "%FF", "..%2F..", "0123456789abcdef0123456789abcdef"),
            Arbitraries.strings().all().ofMaxLength(40).map(HostileInputProperties::encoded));
    Arbitrary<String> q =
        Arbitraries.oneOf(
            Arbitraries.of("", "a", "%27", "%25", "%", "%E5%90%8D", "_", "x".repeat(3_000)),
            Arbitraries.strings().all().ofMaxLength(40).map(HostileInputProperties::encoded),
            searchesAtAndOverTheLimit());
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.just("")),
        Tuple.of(1, limit.map(v -> "?limit=" + v)),
        Tuple.of(1, after.map(v -> "?after=" + v)),
        Tuple.of(1, q.map(v -> "?q=" + v)),
        Tuple.of(
            1,
            Combinators.combine(limit, after, q)
                .as((l, a, s) -> "?q=" + s + "&limit=" + l + "&after=" + a + "&limit=2")),
        Tuple.of(1, Arbitraries.of("?", "?&&==", "?limit", "?q=\u540d", "?%zz=1")));
  }

  /**
   * NULs, an encoded surrogate, and searches of the longest length and one more, of a character
   * whose fold is 18 characters long (U+FDFA): percent-encoded, and raw in the request line, where
   * they fit 2,000 times, which once made a LIKE pattern longer than SQLite takes.
   */
  private static Arbitrary<String> searchesAtAndOverTheLimit() {
    int longest = PageRequest.MAX_SEARCH_LENGTH;
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of("%00", "Ada%00", "%00%00%00")),
        Tuple.of(2, Arbitraries.just("\uFDFA".repeat(2_000))),
        Tuple.of(
            3,
            Arbitraries.of(
                "%ED%A0%80",
                "Ada%ED%B0%80",
                "x".repeat(longest),
                "x".repeat(longest + 1),
                encoded("\uFDFA".repeat(longest)),
                encoded("\uFDFA".repeat(longest + 1)),
                encoded("\u00DF".repeat(longest)),
                "\uFDFA".repeat(longest))));
  }

  private static Arbitrary<List<Header>> headers() {
    return Combinators.combine(
            optionalHeader("Content-Type", contentTypes()),
            optionalHeader("X-Request-Id", junk()),
            optionalHeader("If-Match", etags()),
            optionalHeader("If-None-Match", etags()),
            optionalHeader("Idempotency-Key", junk()))
        .as(
            (contentType, requestId, ifMatch, ifNoneMatch, key) -> {
              List<Header> headers = new ArrayList<>();
              Stream.of(contentType, requestId, ifMatch, ifNoneMatch, key)
                  .forEach(header -> header.ifPresent(headers::add));
              return headers;
            });
  }

  private static Arbitrary<Optional<Header>> optionalHeader(String name, Arbitrary<String> values) {
    return values.map(value -> new Header(name, value)).optional(0.25);
  }

  private static Arbitrary<String> contentTypes() {
    return Arbitraries.oneOf(
        Arbitraries.of("application/json", "application/json; charset=utf-8"),
        Arbitraries.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/json;charset=UTF-8",
            "application/json; charset=iso-8859-1",
            "application/json; charset=utf-16",
            "application/json; charset=bogus",
            "application/json; charset=",
            "application/json;;;",
            "application/merge-patch+json",
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=utf-8",
            "multipart/form-data; boundary=x",
            "text/plain",
            "application/xml",
            "*/*",
            "application/",
            "/",
            ""),
        Arbitraries.strings().ascii().ofMaxLength(20).map(c -> "application/json; charset=" + c),
        Arbitraries.strings().ascii().ofMaxLength(40));
  }

  private static Arbitrary<String> etags() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "\"1\"",
            "\"2\"",
            "*",
            "W/\"1\"",
            "\"\"",
            "\"-1\"",
            "\"99999999999999999999\"",
            "\"1\", \"2\"",
            "1",
            "\"unterminated"),
        junk());
  }

  /** Header values a careful server must survive; never a line break, which would end it. */
  private static Arbitrary<String> junk() {
    return Arbitraries.oneOf(
            Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars("-_.:")
                .ofMinLength(1)
                .ofMaxLength(40),
            Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars("-_.:")
                .ofMinLength(1)
                .ofMaxLength(40),
            Arbitraries.of(
                "", " ", "a b", "x".repeat(300), "\u00e9t\u00e9", "../..", "<script>", "\u0001"),
            Arbitraries.strings().ascii().ofMaxLength(60),
            Arbitraries.strings().all().ofMaxLength(20))
        .map(value -> value.replace("\r", "").replace("\n", ""));
  }

  private static Arbitrary<byte[]> bodies() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just((byte[]) null)),
        Tuple.of(5, fixtures("entries")),
        Tuple.of(2, invalidFixtureEntries()),
        Tuple.of(2, fixtures("limits")),
        Tuple.of(3, randomJson().map(HostileInputProperties::utf8)),
        Tuple.of(2, entriesWithOneOddField().map(HostileInputProperties::utf8)),
        Tuple.of(1, deepNesting()),
        Tuple.of(1, longArrays()),
        Tuple.of(1, hugeNumbers()),
        Tuple.of(1, invalidUtf8()),
        Tuple.of(1, duplicateKeys()),
        Tuple.of(2, fixtures("strict")),
        Tuple.of(2, unstorableText()),
        Tuple.of(2, numberSpellings()),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
        Tuple.of(1, oversized()));
  }

  private static Arbitrary<byte[]> fixtures(String directory) {
    return Arbitraries.of(fixtureFiles(directory)).map(HostileInputProperties::bytes);
  }

  private static Arbitrary<byte[]> invalidFixtureEntries() {
    return Arbitraries.of(fixtureFiles("invalid"))
        .map(
            file ->
                utf8(
                    Fixtures.exactJson(new String(bytes(file), StandardCharsets.UTF_8))
                        .get("entry")));
  }

  /** Any JSON value: the wrong type for an entry, or an object with wrong or unknown fields. */
  private static Arbitrary<JsonNode> randomJson() {
    return randomJson(4);
  }

  private static Arbitrary<JsonNode> randomJson(int depth) {
    if (depth == 0) {
      return scalars();
    }
    return Arbitraries.oneOf(
        scalars(),
        randomJson(depth - 1).list().ofMaxSize(4).map(HostileInputProperties::array),
        Arbitraries.maps(fieldNames(), randomJson(depth - 1))
            .ofMaxSize(4)
            .map(HostileInputProperties::object));
  }

  /** A valid minimal entry with one field set to a random JSON value. */
  private static Arbitrary<JsonNode> entriesWithOneOddField() {
    return Combinators.combine(fieldNames(), randomJson())
        .as(
            (name, value) -> {
              ObjectNode entry = NODES.objectNode().put("full_name", "Odd");
              entry.set(name, value);
              return entry;
            });
  }

  private static Arbitrary<String> fieldNames() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "full_name",
            "addresses",
            "phone_numbers",
            "fax_numbers",
            "emails",
            "kind",
            "pincode",
            "id",
            "version",
            "__proto__",
            ""),
        Arbitraries.strings().all().ofMaxLength(10));
  }

  private static Arbitrary<JsonNode> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(20).map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.bigDecimals().map(NODES::numberNode),
        Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
  }

  private static Arbitrary<byte[]> deepNesting() {
    return Combinators.combine(Arbitraries.integers().between(1, 3_000), Arbitraries.of("[]", "{}"))
        .as(
            (depth, brackets) -> {
              String open = brackets.equals("[]") ? "[" : "{\"a\":";
              String close = brackets.equals("[]") ? "]" : "}";
              String inner = brackets.equals("[]") ? "" : "1";
              return utf8(
                  "{\"full_name\":\"Deep\",\"x\":"
                      + open.repeat(depth)
                      + inner
                      + close.repeat(depth)
                      + "}");
            });
  }

  private static Arbitrary<byte[]> longArrays() {
    String phone = "{\"kind\":\"home\",\"country_code\":1,\"local_number\":2}";
    return Combinators.combine(
            Arbitraries.integers().between(990, 1_010),
            Arbitraries.of("phone_numbers", "fax_numbers", "x"),
            Arbitraries.of(phone, "0"))
        .as(
            (length, field, element) ->
                utf8(
                    "{\"full_name\":\"Long\",\""
                        + field
                        + "\":["
                        + String.join(",", Collections.nCopies(length, element))
                        + "]}"));
  }

  private static Arbitrary<byte[]> hugeNumbers() {
    Arbitrary<String> numbers =
        Arbitraries.oneOf(
            Arbitraries.integers().between(90, 20_000).map(n -> "9".repeat(n)),
            Arbitraries.integers().between(90, 20_000).map(n -> "0." + "1".repeat(n)),
            Arbitraries.of(
                "1e999999999",
                "1E-999999999",
                "-0",
                "-0.0e-0",
                "1e2147483648",
                "1e-2147483649",
                "123456789012345678901234567890e99999"));
    return Combinators.combine(Arbitraries.of("pincode", "unit_number", "street_number"), numbers)
        .as(
            (field, number) ->
                utf8(
                    "{\"full_name\":\"Big\",\"addresses\":[{\"kind\":\"home\",\"street_name\":\"S\","
                        + "\"country\":\"IN\","
                        + (field.equals("pincode") ? "" : "\"pincode\":1,")
                        + "\""
                        + field
                        + "\":"
                        + number
                        + "}],\"phone_numbers\":[{\"kind\":\"work\",\"country_code\":"
                        + number
                        + ",\"local_number\":1}]}"));
  }

  private static Arbitrary<byte[]> invalidUtf8() {
    return Arbitraries.of(
            new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {0})
        .map(
            raw -> {
              ByteArrayOutputStream body = new ByteArrayOutputStream();
              body.writeBytes(utf8("{\"full_name\":\"Bill"));
              body.writeBytes(raw);
              body.writeBytes(utf8("\"}"));
              return body.toByteArray();
            });
  }

  /**
   * Entries with U+0000 or an unpaired surrogate, escaped as JSON allows, in a value or a member
   * name at some depth; beside them, text that every store keeps (a surrogate pair, a control
   * character).
   */
  private static Arbitrary<byte[]> unstorableText() {
    Arbitrary<String> keepable = Arbitraries.of("", "Ada", "\\ud83d\\udc09", "\\u00e9", "\\u0001");
    Arbitrary<String> unstorable =
        Arbitraries.of(
            "\\u0000",
            "\\ud800",
            "\\udbff",
            "\\udc00",
            "\\udfff",
            "\\udc09\\ud83d",
            "\\ud83d\\ud83d\\udc09");
    return Combinators.combine(keepable, unstorable, keepable, Arbitraries.integers().between(0, 4))
        .as(
            (before, bad, after, where) -> {
              String text = before + bad + after;
              String body =
                  switch (where) {
                    case 0 -> "{\"full_name\":\"" + text + "\"}";
                    case 1 -> "{\"full_name\":\"Ada\",\"" + text + "\":1}";
                    case 2 ->
                        "{\"full_name\":\"Ada\",\"addresses\":[{\"kind\":\"home\",\"street_name\":\""
                            + text
                            + "\",\"pincode\":1,\"country\":\"IN\"}]}";
                    case 3 ->
                        "{\"full_name\":\"Ada\",\"emails\":[{\"kind\":\"home\",\"email\":\"a"
                            + text
                            + "@example.org\"}]}";
                    default ->
                        "{\"full_name\":\"Ada\",\"x\":[{\""
                            + text
                            + "\":{\"a\":\""
                            + text
                            + "\"}}]}";
                  };
              return utf8(body);
            });
  }

  /** Valid entries whose numbers are spelled in every way JSON allows. */
  private static Arbitrary<byte[]> numberSpellings() {
    Arbitrary<String> spellings =
        Arbitraries.of(
            "-0",
            "-0.0",
            "0e0",
            "100e-2",
            "1e5",
            "1E+5",
            "1E5",
            "1.50",
            "0.000",
            "-1e-0",
            "2.5E-3",
            "1e999999999",
            "-1E-999999999",
            "12345678901234567890");
    return Combinators.combine(spellings, spellings, spellings)
        .as(
            (a, b, c) ->
                utf8(
                    "{\"full_name\":\"Numbers\",\"addresses\":[{\"kind\":\"home\","
                        + "\"street_name\":\"S\",\"pincode\":"
                        + a
                        + ",\"unit_number\":"
                        + b
                        + ",\"country\":\"IN\"}],\"phone_numbers\":[{\"kind\":\"work\","
                        + "\"country_code\":"
                        + c
                        + ",\"local_number\":"
                        + a
                        + "}]}"));
  }

  private static Arbitrary<byte[]> duplicateKeys() {
    return Arbitraries.of(
            "{\"full_name\":\"a\",\"full_name\":\"b\"}",
            "{\"full_name\":\"a\",\"emails\":[],\"emails\":[]}",
            "{\"full_name\":\"a\",\"phone_numbers\":[{\"kind\":\"home\",\"kind\":\"work\","
                + "\"country_code\":1,\"local_number\":2}]}")
        .map(HostileInputProperties::utf8);
  }

  /** A valid entry padded with white space to just over the body limit. */
  private static Arbitrary<byte[]> oversized() {
    return Arbitraries.integers()
        .between(1, 2_000)
        .map(extra -> utf8("{\"full_name\":\"Big\"}" + " ".repeat(MAX_BODY_BYTES + extra)));
  }

  // ---- how it is sent and judged ---------------------------------------------------------------

  record Answer(int status, Map<String, List<String>> headers, String body, String sentOver) {

    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(header -> header.getKey().equalsIgnoreCase(name))
          .flatMap(header -> header.getValue().stream())
          .findFirst();
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + abbreviate(body);
    }
  }

  /**
   * Over {@link HttpClient} when it agrees to send the request, else over a plain socket; and over
   * a plain socket when the target holds raw Unicode, which HttpClient would percent-encode.
   */
  private static Answer send(Target target, HostileRequest request) {
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(request.target())) {
      return sendRaw(target, request);
    }
    HttpRequest.Builder builder;
    try {
      builder =
          HttpRequest.newBuilder(URI.create(base(target) + request.target()))
              .timeout(Duration.ofSeconds(30))
              .method(
                  request.method(),
                  request.body() == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(request.body()));
      request.headers().forEach(header -> builder.header(header.name(), header.value()));
    } catch (IllegalArgumentException refused) {
      return sendRaw(target, request);
    }
    try {
      HttpResponse<String> answer =
          HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(answer.statusCode(), answer.headers().map(), answer.body(), "HttpClient");
    } catch (IOException e) {
      throw new UncheckedIOException("request failed: " + request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Answer sendRaw(Target target, HostileRequest request) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    request
        .headers()
        .forEach(h -> head.append(h.name()).append(": ").append(h.value()).append("\r\n"));
    byte[] body = request.body() == null ? new byte[0] : request.body();
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    bytes.writeBytes(utf8(head.toString()));
    bytes.writeBytes(body);
    RawHttp.Answer answer = RawHttp.send(target.app.getLocalPort(), bytes.toByteArray());
    Map<String, List<String>> headers = new TreeMap<>();
    answer.headers().forEach((name, value) -> headers.put(name, List.of(value)));
    return new Answer(answer.status(), headers, answer.body(), "a plain socket");
  }

  /** The JSON error body of SPEC §3; a HEAD answer carries only its headers. */
  private static void assertIsErrorBody(Answer answer, String method) {
    assertThat(answer.header("Content-Type"))
        .as(answer.toString())
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    if (method.equals("HEAD")) {
      return;
    }
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.isObject()).as(answer.toString()).isTrue();
    assertThat(body.has("method") && body.has("uri") && body.has("req_id"))
        .as(answer.toString())
        .isTrue();
    assertThat(body.get("code").asInt()).as(answer.toString()).isEqualTo(answer.status());
    assertThat(body.get("message").isTextual()).as(answer.toString()).isTrue();
    assertThat(body.get("errors").isArray()).as(answer.toString()).isTrue();
    assertThat(answer.body()).doesNotContain("\tat ", "Exception", ".java:");
  }

  /**
   * Checks every stored entry against the schema, and answers the id of one of them (creating one
   * when the book is empty).
   */
  private static String anEntryOfTheBook(Target target) {
    ObjectNode book = list(target);
    for (Map.Entry<String, JsonNode> entry : book.properties()) {
      assertThat(entry.getKey()).matches("[0-9a-f]{32}");
      assertThat(VALIDATOR.violations(entry.getValue())).as(entry.toString()).isEmpty();
    }
    if (book.isEmpty()) {
      Answer created =
          send(
              target,
              new HostileRequest(
                  "POST",
                  "/addresses",
                  List.of(new Header("Content-Type", "application/json")),
                  bytes(Fixtures.path("entries/full.json"))));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      return created.header("Location").orElseThrow().substring("/addresses/".length());
    }
    return book.properties().iterator().next().getKey();
  }

  /**
   * Every entry of the book: one answer holds a page only, so the walk follows each answer's Link
   * header until there is none.
   */
  private static ObjectNode list(Target target) {
    ObjectNode book = NODES.objectNode();
    Optional<String> next = Optional.of("/addresses");
    for (int pages = 1; next.isPresent(); pages++) {
      assertThat(pages).as("a walk over the book that ends").isLessThan(10_000);
      Answer listed = send(target, new HostileRequest("GET", next.get(), List.of(), null));
      assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
      book.setAll((ObjectNode) Fixtures.exactJson(listed.body()));
      next = listed.header("Link").map(HostileInputProperties::nextPage);
    }
    return book;
  }

  private static String nextPage(String link) {
    Matcher next = NEXT_LINK.matcher(link);
    assertThat(next.matches()).as(link).isTrue();
    return next.group(1);
  }

  // ---- small helpers ---------------------------------------------------------------------------

  private static String base(Target target) {
    return "http://127.0.0.1:" + target.app.getLocalPort();
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] utf8(JsonNode json) {
    return utf8(json.toString());
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> fixtureFiles(String directory) {
    try (Stream<Path> files = Files.list(Fixtures.path(directory))) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ArrayNode array(List<JsonNode> items) {
    ArrayNode array = NODES.arrayNode();
    items.forEach(array::add);
    return array;
  }

  private static ObjectNode object(Map<String, JsonNode> fields) {
    ObjectNode object = NODES.objectNode();
    fields.forEach(object::set);
    return object;
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + ")";
  }
}
