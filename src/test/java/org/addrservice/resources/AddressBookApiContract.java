package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.core.model.PageRequest;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.RawHttp;
import org.glassfish.jersey.uri.UriComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP contract of SPEC §3, through real HTTP against the real application. Every store runs
 * it: a subclass names the configuration the application starts with.
 */
abstract class AddressBookApiContract {

  private static final String JSON = "application/json";
  private static final String ID_PATTERN = "[0-9a-f]{32}";
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>; rel=\"next\"");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** How many bytes of entries {@link #smallPagesApp()} holds in one page. */
  static final String SMALL_PAGE_BYTES = "2KiB";

  /**
   * The prefix of the system properties that override the configuration of {@link
   * #smallPagesApp()}, so that they cannot mix with those of {@link #app()}.
   */
  static final String SMALL_PAGES = "small-pages";

  protected abstract DropwizardAppExtension<AddrServiceConfiguration> app();

  /**
   * The application on a store of the same kind whose pages hold at most {@value #SMALL_PAGE_BYTES}
   * of entries, so that a few entries within the body limit fill a page.
   */
  protected abstract DropwizardAppExtension<AddrServiceConfiguration> smallPagesApp();

  // ---- the life cycle -------------------------------------------------------------------------

  @Test
  void anEntryLivesThroughCreateListReadUpdateDelete() {
    String alice = Fixtures.text("entries/minimal.json");
    HttpResponse<String> created = send("POST", "/addresses", JSON, alice);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).isEmpty();
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/addresses/" + ID_PATTERN);
    String id = location.substring("/addresses/".length());

    HttpResponse<String> list = send("GET", "/addresses", null, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Content-Type"))
        .hasValueSatisfying(AddressBookApiContract::isJson);
    assertThat(Fixtures.exactJson(list.body()).get(id)).isEqualTo(Fixtures.exactJson(alice));

    HttpResponse<String> read = send("GET", location, null, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(Fixtures.exactJson(read.body())).isEqualTo(Fixtures.exactJson(alice));

    String bob = Fixtures.text("entries/full.json");
    HttpResponse<String> replaced = send("PUT", location, JSON, bob);
    assertThat(replaced.statusCode()).isEqualTo(204);
    assertThat(replaced.body()).isEmpty();
    assertThat(Fixtures.exactJson(send("GET", location, null, null).body()))
        .isEqualTo(Fixtures.exactJson(bob));

    HttpResponse<String> deleted = send("DELETE", location, null, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();

    assertError(send("GET", location, null, null), 404, "Address entry not found");
    assertError(send("PUT", location, JSON, bob), 404, "Address entry not found");
    assertError(send("DELETE", location, null, null), 404, "Address entry not found");
    assertThat(Fixtures.exactJson(send("GET", "/addresses", null, null).body()).has(id)).isFalse();
  }

  @Test
  void anEmptyBookIsListedAsAnEmptyObject() {
    for (String id : idsOf(walk("/addresses"))) {
      assertThat(send("DELETE", "/addresses/" + id, null, null).statusCode()).isEqualTo(204);
    }
    HttpResponse<String> list = send("GET", "/addresses", null, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).isEqualTo("{}");
    assertThat(list.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void everyPathAcceptsATrailingSlash() {
    HttpResponse<String> created =
        send("POST", "/addresses/", JSON, Fixtures.text("entries/minimal.json"));
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/addresses/" + ID_PATTERN);

    assertThat(send("GET", "/addresses/", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", location + "/", null, null).statusCode()).isEqualTo(200);
    assertThat(send("PUT", location + "/", JSON, Fixtures.text("entries/full.json")).statusCode())
        .isEqualTo(204);
    assertThat(send("DELETE", location + "/", null, null).statusCode()).isEqualTo(204);
    assertError(send("GET", location + "/", null, null), 404, "Address entry not found");
  }

  // ---- round-trip fidelity ---------------------------------------------------------------------

  static List<String> validEntries() {
    return Fixtures.validEntries();
  }

  @ParameterizedTest
  @MethodSource("validEntries")
  void whatIsPostedIsExactlyWhatIsRead(String fixture) {
    String entry = Fixtures.text(fixture);
    String location = create(entry);
    HttpResponse<String> read = send("GET", location, null, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(Fixtures.exactJson(read.body())).isEqualTo(Fixtures.exactJson(entry));
  }

  @ParameterizedTest
  @MethodSource("validEntries")
  void whatIsPutIsExactlyWhatIsRead(String fixture) {
    String location = create(Fixtures.text("entries/minimal.json"));
    String entry = Fixtures.text(fixture);
    assertThat(send("PUT", location, JSON, entry).statusCode()).isEqualTo(204);
    assertThat(Fixtures.exactJson(send("GET", location, null, null).body()))
        .isEqualTo(Fixtures.exactJson(entry));
  }

  @Test
  void numbersStayNumbersAndStringsStayStrings() {
    String entry =
        "{\"full_name\":\"Ünïcødé 名前 🙂\",\"addresses\":[{\"kind\":\"home\",\"street_name\":\"M\","
            + "\"pincode\":110011,\"country\":\"IN\",\"street_number\":\"12B\",\"unit_number\":1.50},"
            + "{\"kind\":\"work\",\"street_name\":\"N\",\"pincode\":\"110011\",\"country\":\"IN\","
            + "\"street_number\":7}],\"phone_numbers\":[{\"kind\":\"work\",\"country_code\":91,"
            + "\"local_number\":12345678901234567890}]}";
    JsonNode read = Fixtures.exactJson(send("GET", create(entry), null, null).body());
    assertThat(read).isEqualTo(Fixtures.exactJson(entry));
    assertThat(read.at("/addresses/0/pincode").isNumber()).isTrue();
    assertThat(read.at("/addresses/1/pincode").isTextual()).isTrue();
    assertThat(read.at("/addresses/0/unit_number").decimalValue().toPlainString())
        .isEqualTo("1.50");
    assertThat(read.at("/phone_numbers/0/local_number").bigIntegerValue().toString())
        .isEqualTo("12345678901234567890");
    assertThat(read.get("full_name").textValue()).isEqualTo("Ünïcødé 名前 🙂");
    assertThat(read.has("emails")).isFalse();
  }

  /** Every spelling of a number, as Jackson writes the rest of the document: compact. */
  @Test
  void everyNumberReadsBackSpelledAsItWasSentByteForByte() {
    String sent = Fixtures.text("entries/number-spellings.json").strip();
    String location = create(sent);

    assertThat(send("GET", location, null, null).body()).isEqualTo(sent);
    String page = send("GET", "/addresses?q=Number+Speller&limit=20", null, null).body();
    assertThat(page).contains("\"" + idOf(location) + "\":" + sent);

    String other = create(Fixtures.text("entries/minimal.json"));
    assertThat(send("PUT", other, JSON, sent).statusCode()).isEqualTo(204);
    assertThat(send("GET", other, null, null).body()).isEqualTo(sent);
  }

  @Test
  void aMergePatchKeepsTheSpellingOfEveryNumberItLeavesAndEveryNumberItBrings() {
    String location = create(Fixtures.text("entries/number-spellings.json"));

    HttpResponse<String> patched =
        send(
            "PATCH",
            location,
            AddressBookResource.MERGE_PATCH_JSON,
            Fixtures.text("merge-patch/number-spellings-patch.json"));

    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
    assertThat(send("GET", location, null, null).body())
        .isEqualTo(Fixtures.text("merge-patch/number-spellings-patched.json").strip());
  }

  /** Bodies under {@code fixtures/strict/}, each with the one error line it answers. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          nul-in-full-name                        | $.full_name: must not hold U+0000
          nul-in-a-nested-string                  | $.addresses[0].city: must not hold U+0000
          lone-high-surrogate                     | $.full_name: must not hold an unpaired surrogate (U+D800), which is no character
          lone-low-surrogate                      | $.full_name: must not hold an unpaired surrogate (U+DC09), which is no character
          surrogates-in-the-wrong-order           | $.addresses[0].street_name: must not hold an unpaired surrogate (U+DC09), which is no character
          nul-in-a-member-name                    | $: a member name must not hold U+0000
          lone-surrogate-in-a-nested-member-name  | $.phone_numbers[0]: a member name must not hold an unpaired surrogate (U+D800), which is no character
          """)
  void textNoStoreCanKeepIsRefusedWith400OnEveryWriteAndNothingChanges(
      String fixture, String error) {
    String body = Fixtures.text("strict/" + fixture + ".json");
    String original = Fixtures.text("entries/full.json");
    String location = create(original);
    int before = listSize();

    JsonNode created =
        assertError(send("POST", "/addresses", JSON, body), 400, "Invalid JSON body");
    JsonNode replaced = assertError(send("PUT", location, JSON, body), 400, "Invalid JSON body");
    JsonNode patched =
        assertError(
            send("PATCH", location, AddressBookResource.MERGE_PATCH_JSON, body),
            400,
            "Invalid JSON body");

    for (JsonNode answer : List.of(created, replaced, patched)) {
      assertThat(texts(answer.get("errors"))).containsExactly(error);
    }
    assertThat(listSize()).isEqualTo(before);
    assertThat(Fixtures.exactJson(send("GET", location, null, null).body()))
        .isEqualTo(Fixtures.exactJson(original));
  }

  // ---- content types ---------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/x-www-form-urlencoded"
      })
  void bodiesAreReadAsJsonForJsonAndFormContentTypes(String contentType) {
    HttpResponse<String> created =
        send("POST", "/addresses", contentType, "{\"full_name\": \"Bill Gates\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(send("PUT", location, contentType, "{\"full_name\": \"Melinda\"}").statusCode())
        .isEqualTo(204);
    assertThat(
            Fixtures.exactJson(send("GET", location, null, null).body()).get("full_name").asText())
        .isEqualTo("Melinda");
  }

  @Test
  void aBodyWithoutContentTypeIsReadAsJson() {
    HttpResponse<String> created = send("POST", "/addresses", null, "{\"full_name\": \"No Type\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(send("PUT", location, null, "{\"full_name\": \"Still None\"}").statusCode())
        .isEqualTo(204);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/xml", "application/merge-patch+json"})
  void otherContentTypesAreRefusedWith415AndStoreNothing(String contentType) {
    int before = listSize();
    HttpResponse<String> answer =
        send("POST", "/addresses", contentType, "{\"full_name\": \"Wrong Type\"}");
    assertError(answer, 415, "Unsupported Media Type");
    assertThat(listSize()).isEqualTo(before);
  }

  // ---- invalid bodies --------------------------------------------------------------------------

  @Test
  void aSchemaViolationAnswers400NamingEveryFailingPath() {
    int before = listSize();
    HttpResponse<String> answer =
        send(
            "POST",
            "/addresses",
            JSON,
            "{\"full_name\":\"\",\"colour\":\"blue\",\"addresses\":[{\"kind\":\"castle\","
                + "\"street_name\":\"x\",\"pincode\":1,\"country\":\"IN\"}]}");
    JsonNode body = assertError(answer, 400, "JSON Schema validation failed");
    List<String> errors = texts(body.get("errors"));
    assertThat(errors).anyMatch(error -> error.startsWith("$.full_name: "));
    assertThat(errors).anyMatch(error -> error.startsWith("$.addresses[0].kind: "));
    assertThat(errors).anyMatch(error -> error.startsWith("$.colour: "));
    assertThat(errors).hasSize(3);
    assertThat(listSize()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{bad", "", "   ", "{\"full_name\":\"a\"} trailing", "[1,", "nul"})
  void aBodyThatIsNotJsonAnswers400InvalidJsonBody(String body) {
    int before = listSize();
    JsonNode error = assertError(send("POST", "/addresses", JSON, body), 400, "Invalid JSON body");
    assertThat(error.get("errors")).isNotEmpty();
    assertThat(listSize()).isEqualTo(before);
  }

  @Test
  void duplicateKeysAreInvalidJson() {
    assertError(
        send("POST", "/addresses", JSON, "{\"full_name\":\"a\",\"full_name\":\"b\"}"),
        400,
        "Invalid JSON body");
  }

  @Test
  void anInvalidReplaceLeavesTheEntryAsItWas() {
    String original = Fixtures.text("entries/full.json");
    String location = create(original);
    assertError(
        send("PUT", location, JSON, "{\"full_name\":\"x\",\"emails\":[{\"kind\":\"home\"}]}"),
        400,
        "JSON Schema validation failed");
    assertError(send("PUT", location, JSON, "{\"full_name\""), 400, "Invalid JSON body");
    assertThat(Fixtures.exactJson(send("GET", location, null, null).body()))
        .isEqualTo(Fixtures.exactJson(original));
  }

  @Test
  void aBodyOverTheSizeLimitAnswers413AndStoresNothing() {
    int before = listSize();
    String huge = "{\"full_name\":\"" + "x".repeat(20_000) + "\"}";
    assertError(send("POST", "/addresses", JSON, huge), 413, "Request body too large");
    assertThat(listSize()).isEqualTo(before);
  }

  @Test
  void deeplyNestedJsonAnswers400() {
    String deep = "{\"full_name\":\"a\",\"x\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
    HttpResponse<String> answer = send("POST", "/addresses", JSON, deep);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertIsErrorBody(answer, 400);
  }

  @Test
  void aReplaceOverTheSizeLimitAnswers413AndLeavesTheEntryAsItWas() {
    String original = Fixtures.text("entries/full.json");
    String location = create(original);
    String huge = "{\"full_name\":\"" + "x".repeat(20_000) + "\"}";
    assertError(send("PUT", location, JSON, huge), 413, "Request body too large");
    assertThat(Fixtures.exactJson(send("GET", location, null, null).body()))
        .isEqualTo(Fixtures.exactJson(original));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "limits/depth-33.json | nesting deeper than 32 levels",
        "limits/phone-numbers-1001.json | an array longer than 1000 elements at $.phone_numbers",
        "limits/nested-array-1001.json | an array longer than 1000 elements at $.addresses[1].x",
        "limits/decimal-101-digits.json | a number longer than 100 digits"
      })
  void aBodyOverAJsonLimitAnswers400NamingTheLimitAndStoresNothing(String fixture, String error) {
    int before = listSize();
    String body = Fixtures.text(fixture);

    JsonNode created =
        assertError(send("POST", "/addresses", JSON, body), 400, "Invalid JSON body");
    assertThat(texts(created.get("errors"))).containsExactly(error);

    String original = Fixtures.text("entries/minimal.json");
    String location = create(original);
    JsonNode replaced = assertError(send("PUT", location, JSON, body), 400, "Invalid JSON body");
    assertThat(texts(replaced.get("errors"))).containsExactly(error);
    assertThat(Fixtures.exactJson(send("GET", location, null, null).body()))
        .isEqualTo(Fixtures.exactJson(original));
    assertThat(listSize()).isEqualTo(before + 1);
  }

  // ---- unknown paths, methods and ids ----------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"/", "/nothing", "/addresses/abc/def", "/address", "/addresses.json"})
  void anUnknownPathAnswers404UnknownEndpoint(String path) {
    JsonNode body = assertError(send("GET", path, null, null), 404, "Unknown Endpoint");
    assertThat(body.get("uri").asText()).isEqualTo(path);
  }

  @Test
  void anUnknownPathKeepsTheQueryInTheUri() {
    JsonNode body = assertError(send("GET", "/nothing?x=1", null, null), 404, "Unknown Endpoint");
    assertThat(body.get("uri").asText()).isEqualTo("/nothing?x=1");
  }

  @Test
  void aWrongMethodAnswers405WithAllow() {
    HttpResponse<String> patch = send("PATCH", "/addresses", JSON, "{}");
    assertError(patch, 405, "Method Not Allowed");
    assertThat(patch.headers().firstValue("Allow").orElseThrow()).contains("GET", "POST");

    String location = create(Fixtures.text("entries/minimal.json"));
    HttpResponse<String> post = send("POST", location, JSON, "{\"full_name\":\"x\"}");
    assertError(post, 405, "Method Not Allowed");
    assertThat(post.headers().firstValue("Allow").orElseThrow()).contains("GET", "PUT", "DELETE");
    assertError(send("DELETE", "/addresses", null, null), 405, "Method Not Allowed");
  }

  @Test
  void errorsAnsweredBeforeTheBodyIsReadLeaveTheConnectionUsable() {
    for (int i = 0; i < 25; i++) {
      assertError(
          send("PATCH", "/addresses", JSON, "{\"full_name\":\"x\"}"), 405, "Method Not Allowed");
      assertError(
          send("POST", "/addresses", "text/plain", "{\"full_name\":\"x\"}"),
          415,
          "Unsupported Media Type");
      assertError(
          send("PUT", "/addresses/a.b", JSON, "{\"full_name\":\"x\"}"),
          404,
          "Address entry not found");
      assertError(send("POST", "/nothing", JSON, "{\"full_name\":\"x\"}"), 404, "Unknown Endpoint");
      assertThat(send("POST", "/addresses", JSON, "{\"full_name\":\"y\"}").statusCode())
          .isEqualTo(201);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/addresses/does-not-exist",
        "/addresses/0123456789abcdef0123456789abcdef",
        "/addresses/a.b",
        "/addresses/1'%20OR%20'1'='1",
        "/addresses/%27%3B%20DROP%20TABLE%20addresses%3B--",
        "/addresses/caf%C3%A9"
      })
  void anIdThatNamesNoEntryAnswers404(String path) {
    assertError(send("GET", path, null, null), 404, "Address entry not found");
    assertError(send("DELETE", path, null, null), 404, "Address entry not found");
    assertError(
        send("PUT", path, JSON, Fixtures.text("entries/minimal.json")),
        404,
        "Address entry not found");
  }

  @Test
  void aVeryLongIdNamesNoEntry() {
    assertError(
        send("GET", "/addresses/" + "a".repeat(1_000), null, null), 404, "Address entry not found");
  }

  /**
   * Paths whose meaning changes once decoded (encoded separators, dot segments, empty segments) are
   * refused by the server before any routing, so no such id ever reaches the service. (Only
   * bodiless requests here: Jetty closes the connection at once, which can cut off a body.)
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/addresses/..%2F..%2Fetc%2Fpasswd",
        "/addresses/%2e%2e",
        "/addresses/%2e%2e/%2e%2e/etc",
        "/addresses/..%5C..%5Cwindows",
        "/addresses//",
        "/addresses/x%2F..%2F..%2Fconfig.yml"
      })
  void anAmbiguousPathIsRefusedWith400AndAJsonError(String path) {
    assertRefusedByServer(send("GET", path, null, null));
    assertRefusedByServer(send("DELETE", path, null, null));
  }

  /**
   * A 400 from Jetty itself. When Jetty could not even parse the request line, the body's method
   * and uri are null: the server does not know them.
   */
  private static void assertRefusedByServer(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(AddressBookApiContract::isJson);
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(iterableNames((ObjectNode) body))
        .containsExactly("method", "uri", "code", "message", "errors", "req_id");
    assertThat(body.get("req_id").asText())
        .isEqualTo(answer.headers().firstValue("X-Request-Id").orElseThrow());
    JsonNode method = body.get("method");
    assertThat(method.isNull() || method.asText().equals(answer.request().method())).isTrue();
    assertThat(body.get("code").asInt()).isEqualTo(400);
    assertThat(body.get("message").asText()).isEqualTo("Bad Request");
  }

  @Test
  void aRequestLineJettyCannotParseGetsAJsonError() {
    RawHttp.Answer answer =
        RawHttp.send(
            app().getLocalPort(),
            "GET /addresses/a\u0000b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.headers().get("content-type")).startsWith(JSON);
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("code").asInt()).isEqualTo(400);
    assertThat(body.get("message").asText()).isEqualTo("Bad Request");
    assertThat(body.has("method")).isTrue();
    assertThat(body.has("uri")).isTrue();
  }

  @Test
  void headersTooLargeGetAJsonError() {
    RawHttp.Answer answer =
        RawHttp.send(
            app().getLocalPort(),
            "GET /addresses HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
    assertThat(answer.status()).isEqualTo(431);
    assertThat(answer.headers().get("content-type")).startsWith(JSON);
    assertThat(Fixtures.exactJson(answer.body()).get("code").asInt()).isEqualTo(431);
  }

  @Test
  void aJsonErrorIsSentWhateverTheClientAccepts() {
    HttpResponse<String> answer = send("GET", "/addresses/nope", null, null, "Accept", "text/html");
    assertThat(answer.statusCode()).isIn(404, 406);
    assertIsErrorBody(answer, answer.statusCode());
  }

  // ---- idempotent create -----------------------------------------------------------------------

  @Test
  void aRetryWithTheSameIdempotencyKeyAnswersTheSameLocationAndStoresOneEntry() {
    String key = "retry-" + UUID.randomUUID();
    String entry = Fixtures.text("entries/full.json");
    int before = listSize();

    HttpResponse<String> first = send("POST", "/addresses", JSON, entry, "Idempotency-Key", key);
    HttpResponse<String> retry =
        send("POST", "/addresses", JSON, entry.replace("\n", " "), "Idempotency-Key", key);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
    assertThat(retry.body()).isEmpty();
    String location = first.headers().firstValue("Location").orElseThrow();
    assertThat(retry.headers().firstValue("Location")).contains(location);
    assertThat(listSize()).isEqualTo(before + 1);
    assertThat(Fixtures.exactJson(send("GET", location, null, null).body()))
        .isEqualTo(Fixtures.exactJson(entry));
  }

  @Test
  void theSameIdempotencyKeyWithAnotherBodyAnswers422AndStoresNothing() {
    String key = "reuse-" + UUID.randomUUID();
    String location =
        send("POST", "/addresses", JSON, Fixtures.text("entries/full.json"), "Idempotency-Key", key)
            .headers()
            .firstValue("Location")
            .orElseThrow();
    int before = listSize();

    HttpResponse<String> reused =
        send(
            "POST",
            "/addresses",
            JSON,
            Fixtures.text("entries/minimal.json"),
            "Idempotency-Key",
            key);

    assertError(reused, 422, "Idempotency key reused with a different body");
    assertThat(reused.headers().firstValue("Location")).isEmpty();
    assertThat(listSize()).isEqualTo(before);
    assertThat(Fixtures.exactJson(send("GET", location, null, null).body()))
        .isEqualTo(Fixtures.exactJson(Fixtures.text("entries/full.json")));
  }

  @Test
  void withoutAnIdempotencyKeyEveryPostCreatesAnEntry() {
    String entry = Fixtures.text("entries/minimal.json");
    int before = listSize();

    String first = create(entry);
    String second = create(entry);

    assertThat(first).isNotEqualTo(second);
    assertThat(listSize()).isEqualTo(before + 2);
  }

  static List<String> malformedIdempotencyKeys() {
    return List.of("", "with space", "x".repeat(256));
  }

  @ParameterizedTest
  @MethodSource("malformedIdempotencyKeys")
  void aMalformedIdempotencyKeyAnswers400AndStoresNothing(String key) {
    int before = listSize();

    HttpResponse<String> answer =
        send(
            "POST",
            "/addresses",
            JSON,
            Fixtures.text("entries/minimal.json"),
            "Idempotency-Key",
            key);

    JsonNode body = assertError(answer, 400, "Invalid Idempotency-Key header");
    assertThat(texts(body.get("errors"))).singleElement().asString().contains("visible ASCII");
    assertThat(listSize()).isEqualTo(before);
  }

  @Test
  void anIdempotencyKeySentTwiceAnswers400() {
    int before = listSize();

    HttpResponse<String> answer =
        send(
            "POST",
            "/addresses",
            JSON,
            Fixtures.text("entries/minimal.json"),
            "Idempotency-Key",
            "one",
            "Idempotency-Key",
            "two");

    assertError(answer, 400, "Invalid Idempotency-Key header");
    assertThat(listSize()).isEqualTo(before);
  }

  @Test
  void concurrentPostsWithOneIdempotencyKeyAllAnswerOneLocation() throws Exception {
    String key = "race-" + UUID.randomUUID();
    String entry = Fixtures.text("entries/full.json");
    int before = listSize();
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return send("POST", "/addresses", JSON, entry, "Idempotency-Key", key);
                }));
      }
      start.countDown();
      Set<String> locations = new HashSet<>();
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> created = answer.get(60, TimeUnit.SECONDS);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        locations.add(created.headers().firstValue("Location").orElseThrow());
      }
      assertThat(locations).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(listSize()).isEqualTo(before + 1);
  }

  // ---- pages and search ------------------------------------------------------------------------

  @Test
  void aClientThatSendsNoParametersStillGetsAnObjectOfIdToEntryInIdOrder() {
    create(Fixtures.text("entries/minimal.json"));
    create(Fixtures.text("entries/full.json"));

    HttpResponse<String> list = send("GET", "/addresses", null, null);

    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode book = Fixtures.exactJson(list.body());
    assertThat(book.isObject()).isTrue();
    List<String> ids = iterableNames((ObjectNode) book);
    assertThat(ids).isNotEmpty().isSorted().allMatch(id -> id.matches(ID_PATTERN));
    book.forEach(entry -> assertThat(entry.get("full_name").isTextual()).isTrue());
  }

  @Test
  void withoutALimitAPageHoldsTheConfiguredMaximumAndLinksToTheNext() {
    int max = app().getConfiguration().getLimits().getMaxPageSize();
    while (listSize() <= max) {
      create(Fixtures.text("entries/minimal.json"));
    }

    HttpResponse<String> first = send("GET", "/addresses", null, null);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(Fixtures.exactJson(first.body()).size()).isEqualTo(max);
    assertThat(first.headers().allValues("Link")).hasSize(1);
    assertThat(first.headers().firstValue("Link").orElseThrow())
        .matches("</addresses\\?limit=" + max + "&after=[A-Za-z0-9_-]+>; rel=\"next\"");
  }

  @Test
  void followingTheLinkUntilItEndsYieldsEveryMatchOnceInIdOrder() {
    String marker = "Walker " + UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(idOf(create(entryNamed(marker + " " + i))));
    }
    Collections.sort(ids);

    List<HttpResponse<String>> pages =
        walk("/addresses?limit=3&q=" + marker.toUpperCase(Locale.ROOT).replace(' ', '+'));

    assertThat(pages).hasSize(3);
    assertThat(pages.get(0).headers().firstValue("Link").orElseThrow())
        .matches(
            "</addresses\\?limit=3&after=[A-Za-z0-9_-]+&q="
                + marker.toUpperCase(Locale.ROOT).replace(" ", "%20")
                + ">; rel=\"next\"");
    assertThat(pages.get(2).headers().firstValue("Link")).isEmpty();
    assertThat(idsOf(pages)).containsExactlyElementsOf(ids);
  }

  @Test
  void aSearchWithReservedCharactersSurvivesTheLink() {
    String marker = "Q&A=100% + {x} ÉMILE/" + UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(idOf(create(entryNamed(marker + " " + i))));
    }
    Collections.sort(ids);

    List<HttpResponse<String>> pages =
        walk(
            "/addresses?limit=1&q="
                + UriComponent.encode(
                    marker.toLowerCase(Locale.ROOT), UriComponent.Type.QUERY_PARAM_SPACE_ENCODED));

    assertThat(idsOf(pages)).containsExactlyElementsOf(ids);
  }

  @Test
  void walkingTheWholeBookYieldsEveryEntryOnceInIdOrder() {
    for (int i = 0; i < 5; i++) {
      create(Fixtures.text("entries/full.json"));
    }

    List<String> walked = idsOf(walk("/addresses?limit=4"));

    assertThat(walked).doesNotHaveDuplicates().isSorted().hasSize(listSize());
  }

  @Test
  void aSearchThatMatchesNothingAnswersAnEmptyObjectWithoutLink() {
    HttpResponse<String> list = send("GET", "/addresses?q=" + UUID.randomUUID(), null, null);

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).isEqualTo("{}");
    assertThat(list.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void aLimitOfOneAndOfTheMaximumAreAccepted() {
    create(Fixtures.text("entries/minimal.json"));
    int max = app().getConfiguration().getLimits().getMaxPageSize();

    HttpResponse<String> one = send("GET", "/addresses?limit=1", null, null);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(Fixtures.exactJson(one.body()).size()).isEqualTo(1);

    HttpResponse<String> most = send("GET", "/addresses?limit=" + max, null, null);
    assertThat(most.statusCode()).isEqualTo(200);
    assertThat(Fixtures.exactJson(most.body()).size()).isBetween(1, max);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "21", "-1", "abc", "1.5", "", "99999999999", "%2B1"})
  void aLimitOutOfRangeAnswers400NamingTheParameter(String limit) {
    JsonNode body =
        assertError(
            send("GET", "/addresses?limit=" + limit, null, null), 400, "Invalid query parameter");
    assertThat(texts(body.get("errors")))
        .containsExactly("limit: must be a whole number from 1 to 20");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!!!", "Li4veA", "%FF%FE", "YQ%3D%3Dx", "not+a+cursor"})
  void aCursorThisServiceCannotHaveIssuedAnswers400NamingTheParameter(String after) {
    JsonNode body =
        assertError(
            send("GET", "/addresses?after=" + after, null, null), 400, "Invalid query parameter");
    assertThat(texts(body.get("errors")))
        .containsExactly("after: must be a cursor from the Link header of a previous page");
  }

  static Stream<Arguments> unacceptableSearches() {
    String tooLong = "must be at most " + PageRequest.MAX_SEARCH_LENGTH + " characters long";
    return Stream.of(
        Arguments.of(queryValue("a".repeat(PageRequest.MAX_SEARCH_LENGTH + 1)), "q: " + tooLong),
        Arguments.of(
            queryValue("\uFDFA".repeat(PageRequest.MAX_SEARCH_LENGTH + 1)), "q: " + tooLong),
        Arguments.of("%00", "q: must not hold U+0000"),
        Arguments.of("Ada%00", "q: must not hold U+0000"));
  }

  @ParameterizedTest
  @MethodSource("unacceptableSearches")
  void aSearchTooLongOrHoldingTextNoStoreCanKeepAnswers400NamingQ(String q, String error) {
    JsonNode body =
        assertError(send("GET", "/addresses?q=" + q, null, null), 400, "Invalid query parameter");

    assertThat(texts(body.get("errors"))).containsExactly(error);
  }

  /**
   * Raw UTF-8 in the request line fits 2,000 characters into the header limit: folded, they once
   * made a LIKE pattern longer than SQLite takes, which it refuses only when a row is compared.
   */
  @Test
  void aSearchOfThousandsOfLongFoldingCharactersInRawUtf8Answers400NamingQ() {
    create(entryNamed("\uFDFA"));
    String request =
        "GET /addresses?q="
            + "\uFDFA".repeat(2_000)
            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    RawHttp.Answer answer =
        RawHttp.send(app().getLocalPort(), request.getBytes(StandardCharsets.UTF_8));

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("message").asText()).isEqualTo("Invalid query parameter");
    assertThat(texts(body.get("errors")))
        .containsExactly(
            "q: must be at most " + PageRequest.MAX_SEARCH_LENGTH + " characters long");
  }

  /**
   * U+FDFA folds to 18 characters, so the longest search is a long pattern for the SQL stores; it
   * still finds what it should, a page at a time.
   */
  @Test
  void theLongestSearchOfTheLongestFoldingCharacterFindsItsEntriesPageByPage() {
    String longest = "\uFDFA".repeat(PageRequest.MAX_SEARCH_LENGTH);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(idOf(create(entryNamed(i + " " + longest + " " + UUID.randomUUID()))));
    }
    Collections.sort(ids);

    List<HttpResponse<String>> pages = walk("/addresses?limit=2&q=" + queryValue(longest));

    assertThat(pages).hasSize(2);
    assertThat(idsOf(pages)).containsExactlyElementsOf(ids);
  }

  @Test
  void aPageFullOfBytesLeadsOnUntilEveryEntryIsSeenOnce() {
    String marker = "Bulky " + UUID.randomUUID() + " ";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      // About 620 bytes each, as any store counts them: three fill a page of 2 KiB.
      ids.add(idOf(createOn(smallPagesApp(), nameOfLength(marker + i, 600))));
    }
    Collections.sort(ids);

    List<HttpResponse<String>> pages =
        walk(smallPagesApp(), "/addresses?q=" + marker.trim().replace(' ', '+'));

    assertThat(pages).extracting(page -> idsOf(List.of(page)).size()).containsExactly(3, 3, 1);
    assertThat(pages.get(0).headers().firstValue("Link").orElseThrow())
        .as("a page cut by bytes keeps the limit it was asked with")
        .matches("</addresses\\?limit=20&after=[A-Za-z0-9_-]+&q=Bulky%20.*>; rel=\"next\"");
    assertThat(pages.get(2).headers().firstValue("Link")).isEmpty();
    assertThat(idsOf(pages)).containsExactlyElementsOf(ids);
  }

  @Test
  void aSearchOfExactlyTheLongestLengthIsAccepted() {
    // Other tests' entries may share the store: a search no name can contain.
    String longest =
        UUID.randomUUID().toString().repeat(8).substring(0, PageRequest.MAX_SEARCH_LENGTH);
    HttpResponse<String> answer = send("GET", "/addresses?q=" + longest, null, null);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{}");
  }

  private static String queryValue(String text) {
    return UriComponent.encode(text, UriComponent.Type.QUERY_PARAM_SPACE_ENCODED);
  }

  @Test
  void anEntryLargerThanAPageIsAPageOfItsOwnAndTheWalkGoesOn() {
    String marker = "Huge " + UUID.randomUUID() + " ";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(idOf(createOn(smallPagesApp(), nameOfLength(marker + i, 5_000))));
    }
    Collections.sort(ids);

    List<HttpResponse<String>> pages =
        walk(smallPagesApp(), "/addresses?q=" + marker.trim().replace(' ', '+'));
    List<String> everyEntry = idsOf(walk(smallPagesApp(), "/addresses"));

    assertThat(pages).extracting(page -> idsOf(List.of(page)).size()).containsExactly(1, 1, 1);
    assertThat(idsOf(pages)).containsExactlyElementsOf(ids);
    assertThat(everyEntry).doesNotHaveDuplicates().isSorted().containsAll(ids);
  }

  /** A minimal entry whose full name, starting with {@code prefix}, is {@code length} long. */
  private static String nameOfLength(String prefix, int length) {
    ObjectNode entry = (ObjectNode) Fixtures.json("entries/minimal.json");
    entry.put("full_name", prefix + "x".repeat(length - prefix.length()));
    return entry.toString();
  }

  /** An entry read from a fixture file, with its full name replaced. */
  private static String entryNamed(String fullName) {
    ObjectNode entry = (ObjectNode) Fixtures.json("entries/full.json");
    entry.put("full_name", fullName);
    return entry.toString();
  }

  /** Every page from {@code path} on, following each answer's Link header until there is none. */
  private List<HttpResponse<String>> walk(String path) {
    return walk(app(), path);
  }

  /** As {@link #walk(String)}, on {@code app}. */
  private List<HttpResponse<String>> walk(
      DropwizardAppExtension<AddrServiceConfiguration> app, String path) {
    List<HttpResponse<String>> pages = new ArrayList<>();
    Optional<String> next = Optional.of(path);
    while (next.isPresent()) {
      HttpResponse<String> page = sendTo(app, "GET", next.get(), null, null);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      pages.add(page);
      assertThat(pages).as("a walk that ends").hasSizeLessThan(1_000);
      next = page.headers().firstValue("Link").map(AddressBookApiContract::nextPath);
    }
    return pages;
  }

  private static String nextPath(String link) {
    Matcher next = NEXT_LINK.matcher(link);
    assertThat(next.matches()).as(link).isTrue();
    return next.group(1);
  }

  private static List<String> idsOf(List<HttpResponse<String>> pages) {
    List<String> ids = new ArrayList<>();
    for (HttpResponse<String> page : pages) {
      ids.addAll(iterableNames((ObjectNode) Fixtures.exactJson(page.body())));
    }
    return ids;
  }

  private static String idOf(String location) {
    return location.substring("/addresses/".length());
  }

  // ---- helpers ---------------------------------------------------------------------------------

  protected HttpResponse<String> send(
      String method, String path, String contentType, String body, String... headers) {
    return sendTo(app(), method, path, contentType, body, headers);
  }

  private HttpResponse<String> sendTo(
      DropwizardAppExtension<AddrServiceConfiguration> app,
      String method,
      String path,
      String contentType,
      String body,
      String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("request failed: " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Posts {@code entry} and answers its location. */
  protected String create(String entry) {
    return createOn(app(), entry);
  }

  private String createOn(DropwizardAppExtension<AddrServiceConfiguration> app, String entry) {
    HttpResponse<String> created = sendTo(app, "POST", "/addresses", JSON, entry);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return created.headers().firstValue("Location").orElseThrow();
  }

  /** How many entries the book holds, counted over every page. */
  protected int listSize() {
    return idsOf(walk("/addresses")).size();
  }

  /** Asserts the JSON error body of SPEC §3 with this code and message, and answers it. */
  protected static JsonNode assertError(HttpResponse<String> answer, int code, String message) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(code);
    JsonNode body = assertIsErrorBody(answer, code);
    assertThat(body.get("message").asText()).isEqualTo(message);
    return body;
  }

  private static JsonNode assertIsErrorBody(HttpResponse<String> answer, int code) {
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(AddressBookApiContract::isJson);
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.isObject()).isTrue();
    assertThat(iterableNames((ObjectNode) body))
        .containsExactly("method", "uri", "code", "message", "errors", "req_id");
    assertThat(body.get("req_id").asText())
        .isEqualTo(answer.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(body.get("method").asText()).isEqualTo(answer.request().method());
    assertThat(body.get("uri").asText())
        .isEqualTo(
            answer.request().uri().getRawPath()
                + (answer.request().uri().getRawQuery() == null
                    ? ""
                    : "?" + answer.request().uri().getRawQuery()));
    assertThat(body.get("code").asInt()).isEqualTo(code);
    assertThat(body.get("errors").isArray()).isTrue();
    assertThat(answer.body()).doesNotContain("\tat ", "Exception", ".java:");
    return body;
  }

  private static List<String> iterableNames(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static void isJson(String contentType) {
    assertThat(contentType).startsWith(JSON);
  }
}
