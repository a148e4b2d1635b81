package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.core.model.ExactJson;
import org.addrservice.testing.Fixtures;

/**
 * Round-trip fidelity as a property: any valid entry, with any mix of optional fields, numbers in
 * any spelling and strings, POSTed and PUT through real HTTP, reads back exactly as it was sent.
 */
class RoundTripProperties {

  private static final JsonNodeFactory NODES = Fixtures.EXACT_JSON.getNodeFactory();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static DropwizardTestSupport<AddrServiceConfiguration> app;

  @BeforeContainer
  static void startApplication() throws Exception {
    app =
        new DropwizardTestSupport<>(
            AddrServiceApplication.class, Fixtures.path("config/memory.yml").toString());
    app.before();
  }

  @AfterContainer
  static void stopApplication() {
    app.after();
  }

  @Property(tries = 150)
  void anyValidEntryReadsBackExactlyAsSent(
      @ForAll("entries") ObjectNode first, @ForAll("entries") ObjectNode second) throws Exception {
    // Compare with what the bytes sent mean, not with the generator's node types (int vs long).
    JsonNode sentFirst = Fixtures.exactJson(first.toString());
    JsonNode sentSecond = Fixtures.exactJson(second.toString());
    HttpResponse<String> created = send("POST", "/addresses", first.toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    String readFirst = send("GET", location, null).body();
    assertThat(Fixtures.exactJson(readFirst)).isEqualTo(sentFirst);
    assertThat(spelled(readFirst)).isEqualTo(spelled(first.toString()));

    HttpResponse<String> replaced = send("PUT", location, second.toString());
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(204);
    String readSecond = send("GET", location, null).body();
    assertThat(Fixtures.exactJson(readSecond)).isEqualTo(sentSecond);
    assertThat(spelled(readSecond)).isEqualTo(spelled(second.toString()));

    assertThat(send("DELETE", location, null).statusCode()).isEqualTo(204);
  }

  @Provide
  Arbitrary<ObjectNode> entries() {
    return Combinators.combine(
            text(),
            optionalList(addresses()),
            optionalList(phones()),
            optionalList(phones()),
            optionalList(emails()))
        .as(
            (name, addresses, phones, faxes, emails) -> {
              ObjectNode entry = NODES.objectNode().put("full_name", name);
              putList(entry, "addresses", addresses);
              putList(entry, "phone_numbers", phones);
              putList(entry, "fax_numbers", faxes);
              putList(entry, "emails", emails);
              return entry;
            });
  }

  private static Arbitrary<ObjectNode> addresses() {
    return Combinators.combine(
            kind(),
            text(),
            numberOrString(),
            text(),
            optional(number()),
            optional(numberOrString()),
            optional(
                Arbitraries.strings()
                    .ofMaxLength(20)
                    .filter(RoundTripProperties::isStorable)
                    .map(NODES::textNode)),
            optional(text().map(NODES::textNode)))
        .as(
            (kind, street, pincode, country, unit, streetNumber, building, city) -> {
              ObjectNode address = NODES.objectNode().put("kind", kind).put("street_name", street);
              address.set("pincode", pincode);
              address.put("country", country);
              putIfPresent(address, "unit_number", unit);
              putIfPresent(address, "street_number", streetNumber);
              putIfPresent(address, "building_name", building);
              putIfPresent(address, "city", city);
              return address;
            });
  }

  private static Arbitrary<ObjectNode> phones() {
    return Combinators.combine(kind(), number(), number(), optional(number()))
        .as(
            (kind, countryCode, localNumber, areaCode) -> {
              ObjectNode phone = NODES.objectNode().put("kind", kind);
              phone.set("country_code", countryCode);
              phone.set("local_number", localNumber);
              putIfPresent(phone, "area_code", areaCode);
              return phone;
            });
  }

  private static Arbitrary<ObjectNode> emails() {
    Arbitrary<String> part = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
    // The e-mail format checks the top-level domain against the real ones, so no ".example".
    Arbitrary<String> topLevel = Arbitraries.of("com", "org", "in", "de", "co.uk");
    return Combinators.combine(kind(), part, part, topLevel)
        .as(
            (kind, user, host, tld) ->
                NODES.objectNode().put("kind", kind).put("email", user + "@" + host + "." + tld));
  }

  private static Arbitrary<String> kind() {
    return Arbitraries.of("home", "work");
  }

  /** Non-blank text, Unicode included. */
  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .all()
        .ofMinLength(1)
        .ofMaxLength(30)
        .filter(RoundTripProperties::isStorable)
        .map(s -> "n" + s);
  }

  /**
   * Lone surrogates cannot be sent as UTF-8, nor escaped: no store keeps them, nor U+0000, and the
   * service refuses both.
   */
  private static boolean isStorable(String s) {
    return s.indexOf('\u0000') < 0
        && new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
  }

  private static Arbitrary<JsonNode> number() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.bigIntegers()
            .between(
                new java.math.BigInteger("10000000000000000000"),
                new java.math.BigInteger("99999999999999999999999"))
            .map(NODES::numberNode),
        Arbitraries.bigDecimals()
            .between(new BigDecimal("-1000000"), new BigDecimal("1000000"))
            .ofScale(2)
            .map(NODES::numberNode),
        spelledNumbers());
  }

  /** Numbers in every spelling JSON allows, each to be read back exactly as it is spelled. */
  private static Arbitrary<JsonNode> spelledNumbers() {
    Arbitrary<String> integer =
        Arbitraries.oneOf(Arbitraries.of("0", "-0"), Arbitraries.longs().map(String::valueOf));
    Arbitrary<String> fraction =
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6).map(digits -> "." + digits);
    Arbitrary<String> exponent =
        Combinators.combine(
                Arbitraries.of("e", "E"),
                Arbitraries.of("", "+", "-"),
                Arbitraries.integers().between(0, 999_999_999))
            .as((e, sign, power) -> e + sign + power);
    return Combinators.combine(integer, fraction.optional(), exponent.optional())
        .as((i, f, e) -> i + f.orElse("") + e.orElse(""))
        .map(RoundTripProperties::spelled);
  }

  /**
   * JSON as the service reads it, every number as it is spelled: two documents are equal when they
   * hold the same characters (however escaped) and the same numbers spelled the same way.
   */
  private static JsonNode spelled(String json) {
    try {
      return ExactJson.READER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Arbitrary<JsonNode> numberOrString() {
    return Arbitraries.oneOf(
        number(),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(8).map(NODES::textNode));
  }

  private static <T> Arbitrary<java.util.Optional<T>> optional(Arbitrary<T> value) {
    return value.optional();
  }

  private static Arbitrary<java.util.Optional<List<ObjectNode>>> optionalList(
      Arbitrary<ObjectNode> items) {
    return items.list().ofMaxSize(3).optional();
  }

  private static void putList(
      ObjectNode entry, String field, java.util.Optional<List<ObjectNode>> items) {
    items.ifPresent(
        list -> {
          ArrayNode array = entry.putArray(field);
          list.forEach(array::add);
        });
  }

  private static void putIfPresent(
      ObjectNode node, String field, java.util.Optional<? extends JsonNode> value) {
    value.ifPresent(v -> node.set(field, v));
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
