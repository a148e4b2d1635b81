package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ETags, conditional requests and JSON merge patch over real HTTP, on the SQLite store: every
 * failed condition answers with the JSON error body and changes nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConditionalRequestsApiTest {

  private static final String JSON = "application/json";
  private static final String MERGE_PATCH = "application/merge-patch+json";

  private static final Path DATABASE =
      Path.of("target", "conditional-requests", System.nanoTime() + ".db");

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/sqlite.yml").toString(),
          ConfigOverride.config("store.file", DATABASE.toString()));

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aReadCarriesAStrongETagThatEveryWriteChanges() {
    String location = create("entries/minimal.json");

    HttpResponse<String> first = send("GET", location, null, null);
    assertThat(first.headers().firstValue("ETag")).hasValue("\"1\"");

    HttpResponse<String> replaced =
        send("PUT", location, JSON, Fixtures.text("entries/full.json"), "If-Match", "\"1\"");
    assertThat(replaced.statusCode()).isEqualTo(204);
    assertThat(replaced.headers().firstValue("ETag")).hasValue("\"2\"");
    assertThat(send("GET", location, null, null).headers().firstValue("ETag")).hasValue("\"2\"");
  }

  @Test
  void aReadWithTheCurrentETagInIfNoneMatchAnswers304WithoutABody() {
    String location = create("entries/full.json");

    HttpResponse<String> unchanged = send("GET", location, null, null, "If-None-Match", "\"1\"");
    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();
    assertThat(unchanged.headers().firstValue("ETag")).hasValue("\"1\"");

    assertThat(send("GET", location, null, null, "If-None-Match", "W/\"1\"").statusCode())
        .isEqualTo(304);
    assertThat(send("GET", location, null, null, "If-None-Match", "*").statusCode()).isEqualTo(304);
    HttpResponse<String> changed = send("GET", location, null, null, "If-None-Match", "\"7\"");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(Fixtures.exactJson(changed.body())).isEqualTo(Fixtures.json("entries/full.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1\"", "W/\"2\"", "\"2\"x", "2", "\"abc\"", "\"1\", W/\"2\""})
  void aReplaceWithAStaleOrForeignETagAnswers412AndChangesNothing(String ifMatch) {
    String location = create("entries/minimal.json");
    send("PUT", location, JSON, Fixtures.text("entries/full.json"));

    HttpResponse<String> refused =
        send("PUT", location, JSON, Fixtures.text("entries/minimal.json"), "If-Match", ifMatch);

    assertError(refused, 412, "Entry version mismatch");
    assertStored(location, "entries/full.json", "\"2\"");
  }

  @Test
  void aReplaceMatchingOneOfSeveralETagsOrAnyETagIsMade() {
    String location = create("entries/minimal.json");

    assertThat(
            send(
                    "PUT",
                    location,
                    JSON,
                    Fixtures.text("entries/full.json"),
                    "If-Match",
                    "\"9\", \"1\"")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            send("PUT", location, JSON, Fixtures.text("entries/minimal.json"), "If-Match", "*")
                .statusCode())
        .isEqualTo(204);
    assertStored(location, "entries/minimal.json", "\"3\"");
  }

  @Test
  void aDeleteWithAStaleETagKeepsTheEntryAndWithTheCurrentOneRemovesIt() {
    String location = create("entries/minimal.json");
    send("PUT", location, JSON, Fixtures.text("entries/full.json"));

    assertError(send("DELETE", location, null, null, "If-Match", "\"1\""), 412, null);
    assertStored(location, "entries/full.json", "\"2\"");

    assertThat(send("DELETE", location, null, null, "If-Match", "\"2\"").statusCode())
        .isEqualTo(204);
    assertThat(send("GET", location, null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aConditionalWriteToAnUnknownEntryAnswers404() {
    String location = "/addresses/0123456789abcdef0123456789abcdef";
    assertError(
        send("PUT", location, JSON, Fixtures.text("entries/full.json"), "If-Match", "\"1\""),
        404,
        "Address entry not found");
    assertError(send("PATCH", location, MERGE_PATCH, "{}", "If-Match", "\"1\""), 404, null);
    assertError(send("DELETE", location, null, null, "If-Match", "*"), 404, null);
  }

  @Test
  void aMergePatchChangesOnlyWhatItNames() {
    String location = create("entries/full.json");

    HttpResponse<String> patched =
        send(
            "PATCH",
            location,
            MERGE_PATCH,
            "{\"full_name\": \"Augusta Ada King\", \"fax_numbers\": null, \"emails\": [{\"kind\":"
                + " \"home\", \"email\": \"ada@example.org\"}]}",
            "If-Match",
            "\"1\"");

    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
    assertThat(patched.headers().firstValue("ETag")).hasValue("\"2\"");
    ObjectNode expected = (ObjectNode) Fixtures.json("entries/full.json");
    expected.put("full_name", "Augusta Ada King");
    expected.remove("fax_numbers");
    expected.set(
        "emails", Fixtures.exactJson("[{\"kind\": \"home\", \"email\": \"ada@example.org\"}]"));
    assertThat(Fixtures.exactJson(send("GET", location, null, null).body())).isEqualTo(expected);
  }

  @Test
  void aMergePatchThatWouldMakeAnInvalidEntryAnswers400AndChangesNothing() {
    String location = create("entries/full.json");

    JsonNode error =
        assertError(
            send("PATCH", location, MERGE_PATCH, "{\"addresses\": [{\"kind\": \"castle\"}]}"),
            400,
            "JSON Schema validation failed");
    assertThat(error.get("errors").toString()).contains("$.addresses[0]");
    assertError(
        send("PATCH", location, MERGE_PATCH, "{\"full_name\": null}"),
        400,
        "JSON Schema validation failed");
    assertError(send("PATCH", location, MERGE_PATCH, "{\"full_name\":"), 400, "Invalid JSON body");
    assertStored(location, "entries/full.json", "\"1\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {JSON, "application/json-patch+json", "text/plain"})
  void aPatchOfAnotherMediaTypeAnswers415(String type) {
    String location = create("entries/full.json");

    assertError(send("PATCH", location, type, "{\"full_name\": \"x\"}"), 415, null);
    assertStored(location, "entries/full.json", "\"1\"");
  }

  @Test
  void aPatchWithAStaleETagAnswers412AndChangesNothing() {
    String location = create("entries/minimal.json");
    send("PUT", location, JSON, Fixtures.text("entries/full.json"));

    assertError(
        send("PATCH", location, MERGE_PATCH, "{\"full_name\": \"x\"}", "If-Match", "\"1\""),
        412,
        "Entry version mismatch");
    assertStored(location, "entries/full.json", "\"2\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../..", "\"1", "W/", "\"1\" \"2\"", "1", ","})
  void aReadWithAnIfNoneMatchThatIsNoTagListIsAnsweredInFull(String junk) {
    String location = create("entries/minimal.json");

    HttpResponse<String> read = send("GET", location, null, null, "If-None-Match", junk);

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(Fixtures.exactJson(read.body())).isEqualTo(Fixtures.json("entries/minimal.json"));
  }

  @Test
  void aReadWithAStaleIfMatchAnswers412InJson() {
    String location = create("entries/minimal.json");

    assertError(send("GET", location, null, null, "If-Match", "\"5\""), 412, null);
  }

  @Test
  void headAnswersTheETagWithoutTheEntry() {
    String location = create("entries/full.json");

    HttpResponse<String> head = send("HEAD", location, null, null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("ETag")).hasValue("\"1\"");
    assertThat(head.body()).isEmpty();
  }

  private String create(String fixture) {
    HttpResponse<String> created = send("POST", "/addresses", JSON, Fixtures.text(fixture));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.headers().firstValue("Location").orElseThrow();
  }

  private void assertStored(String location, String fixture, String etag) {
    HttpResponse<String> stored = send("GET", location, null, null);
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(Fixtures.exactJson(stored.body())).isEqualTo(Fixtures.json(fixture));
    assertThat(stored.headers().firstValue("ETag")).hasValue(etag);
  }

  private static JsonNode assertError(HttpResponse<String> answer, int code, String message) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(code);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue(JSON);
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("code").asInt()).isEqualTo(code);
    if (message != null) {
      assertThat(body.get("message").asText()).isEqualTo(message);
    }
    return body;
  }

  private HttpResponse<String> send(
      String method, String path, String type, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (type != null) {
      request.header("Content-Type", type);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }
}
