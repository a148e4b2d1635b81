package org.addrservice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryFingerprint;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.ExactJson;
import org.addrservice.core.model.IdempotencyKey;
import org.addrservice.core.model.Precondition;
import org.addrservice.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service's idempotent create, on a memory store, with a clock the test moves. */
class IdempotentCreateTest {

  private static final Duration WINDOW = Duration.ofHours(1);

  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final MemoryStore store = new MemoryStore();
  private final AddressBookService service =
      new AddressBookService(
          store,
          new EntryValidator(),
          EntryId::generate,
          clock,
          BookPolicies.DEFAULTS.withIdempotencyWindow(WINDOW));

  @Test
  void aRetryWithTheSameKeyAndBodyAnswersTheFirstIdAndStoresNothing() {
    String first = service.create(body("full"), key("order-1"));

    String retry = service.create(body("full"), key("order-1"));

    assertThat(retry).isEqualTo(first);
    assertThat(store.list()).containsOnlyKeys(first);
  }

  @Test
  void aRetryWithOtherWhiteSpaceAndMemberOrderIsTheSameBody() {
    String first =
        service.create(
            json("{\"full_name\":\"Ada\",\"emails\":[{\"kind\":\"home\",\"email\":\"a@b.org\"}]}"),
            key("k"));

    String retry =
        service.create(
            json(
                "{ \"emails\" : [ { \"email\" : \"a@b.org\", \"kind\" : \"home\" } ],\n"
                    + "  \"full_name\" : \"Ada\" }"),
            key("k"));

    assertThat(retry).isEqualTo(first);
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefusedAndStoresNothing() {
    String first = service.create(body("full"), key("order-1"));

    assertThatExceptionOfType(IdempotencyKeyReusedException.class)
        .isThrownBy(() -> service.create(body("minimal"), key("order-1")))
        .withMessage("Idempotency key reused with a different body");

    assertThat(store.list()).containsOnlyKeys(first);
  }

  @Test
  void aNumberWrittenDifferentlyIsADifferentBody() {
    service.create(json("{\"full_name\":\"A\",\"addresses\":[" + address("1.50") + "]}"), key());

    assertThatExceptionOfType(IdempotencyKeyReusedException.class)
        .isThrownBy(
            () ->
                service.create(
                    json("{\"full_name\":\"A\",\"addresses\":[" + address("1.5") + "]}"), key()));
  }

  @Test
  void theKeyIsRememberedForTheWindowAndForgottenAfter() {
    String first = service.create(body("full"), key("order-1"));

    clock.advance(WINDOW.minusMillis(1));
    assertThat(service.create(body("full"), key("order-1"))).isEqualTo(first);

    clock.advance(Duration.ofMillis(1));
    String afterTheWindow = service.create(body("minimal"), key("order-1"));

    assertThat(afterTheWindow).isNotEqualTo(first);
    assertThat(store.list()).containsOnlyKeys(first, afterTheWindow);
    assertThat(service.create(body("minimal"), key("order-1"))).isEqualTo(afterTheWindow);
  }

  @Test
  void aRetryAfterTheEntryWasDeletedStillAnswersItsId() {
    String first = service.create(body("full"), key("order-1"));
    service.delete(first, Precondition.NONE);

    assertThat(service.create(body("full"), key("order-1"))).isEqualTo(first);
    assertThat(store.list()).isEmpty();
  }

  @Test
  void withoutAKeyEveryCreateStoresANewEntry() {
    String first = service.create(body("full"), Optional.empty());
    String second = service.create(body("full"), Optional.empty());

    assertThat(first).isNotEqualTo(second);
    assertThat(store.list()).containsOnlyKeys(first, second);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "with space", "tab\t", "zoë", "line\nbreak", "\u007f"})
  void aMalformedKeyIsNoKey(String key) {
    assertThat(IdempotencyKey.isWellFormed(key)).isFalse();
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> new IdempotencyKey(key));
  }

  @Test
  void aKeyOf255CharactersIsAcceptedAnd256IsNot() {
    String longest = "!~".repeat(127) + "x";

    String id = service.create(body("full"), key(longest));

    assertThat(service.create(body("full"), key(longest))).isEqualTo(id);
    assertThat(IdempotencyKey.isWellFormed(longest + "x")).isFalse();
    assertThat(IdempotencyKey.isWellFormed(null)).isFalse();
  }

  @Test
  void aBadBodyWithAKnownKeyIsStillABadBody() {
    service.create(body("full"), key("order-1"));

    assertThatExceptionOfType(InvalidEntryException.class)
        .isThrownBy(() -> service.create(json("{\"colour\": \"red\"}"), key("order-1")));
  }

  @Test
  void theFingerprintIgnoresMemberOrder() {
    ObjectNode entry = EntryFixtures.entry("full").toJson();
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(entry.properties());
    Collections.reverse(members);
    ObjectNode reordered = entry.objectNode();
    members.forEach(member -> reordered.set(member.getKey(), member.getValue()));

    assertThat(EntryFingerprint.of(AddressEntry.of(reordered)))
        .isEqualTo(EntryFingerprint.of(EntryFixtures.entry("full")))
        .matches("[0-9a-f]{64}")
        .isNotEqualTo(EntryFingerprint.of(EntryFixtures.entry("minimal")));
  }

  @Test
  void aWindowThatIsNotPositiveIsRefused() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(
            () ->
                new AddressBookService(
                    store,
                    new EntryValidator(),
                    EntryId::generate,
                    clock,
                    BookPolicies.DEFAULTS.withIdempotencyWindow(Duration.ZERO)));
  }

  private static Optional<IdempotencyKey> key() {
    return key("k");
  }

  private static Optional<IdempotencyKey> key(String key) {
    return Optional.of(new IdempotencyKey(key));
  }

  private static String address(String unitNumber) {
    return "{\"kind\":\"home\",\"street_name\":\"S\",\"pincode\":1,\"country\":\"C\",\"unit_number\":"
        + unitNumber
        + "}";
  }

  private static JsonNode body(String fixture) {
    return EntryFixtures.entry(fixture).toJson();
  }

  private static JsonNode json(String document) {
    try {
      return ExactJson.READER.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A clock that stands still until the test moves it. */
  private static final class MovableClock extends Clock {

    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the service reads instants only");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
