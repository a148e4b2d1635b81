package org.addrservice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
          new EntryReader(new EntryValidator(), 64 * 1024),
          EntryId::generate,
          clock,
          AddressBookService.Policies.DEFAULTS.withIdempotencyWindow(WINDOW));

  @Test
  void aRetryWithTheSameKeyAndBodyAnswersTheFirstIdAndStoresNothing() {
    String first = service.create(body("full"), Optional.of("order-1"));

    String retry = service.create(body("full"), Optional.of("order-1"));

    assertThat(retry).isEqualTo(first);
    assertThat(store.list()).containsOnlyKeys(first);
  }

  @Test
  void aRetryWithOtherWhiteSpaceAndMemberOrderIsTheSameBody() {
    String first =
        service.create(
            utf8("{\"full_name\":\"Ada\",\"emails\":[{\"kind\":\"home\",\"email\":\"a@b.org\"}]}"),
            Optional.of("k"));

    String retry =
        service.create(
            utf8(
                "{ \"emails\" : [ { \"email\" : \"a@b.org\", \"kind\" : \"home\" } ],\n"
                    + "  \"full_name\" : \"Ada\" }"),
            Optional.of("k"));

    assertThat(retry).isEqualTo(first);
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefusedAndStoresNothing() {
    String first = service.create(body("full"), Optional.of("order-1"));

    assertThatExceptionOfType(IdempotencyKeyReusedException.class)
        .isThrownBy(() -> service.create(body("minimal"), Optional.of("order-1")))
        .withMessage("Idempotency key reused with a different body");

    assertThat(store.list()).containsOnlyKeys(first);
  }

  @Test
  void aNumberWrittenDifferentlyIsADifferentBody() {
    service.create(utf8("{\"full_name\":\"A\",\"addresses\":[" + address("1.50") + "]}"), key());

    assertThatExceptionOfType(IdempotencyKeyReusedException.class)
        .isThrownBy(
            () ->
                service.create(
                    utf8("{\"full_name\":\"A\",\"addresses\":[" + address("1.5") + "]}"), key()));
  }

  @Test
  void theKeyIsRememberedForTheWindowAndForgottenAfter() {
    String first = service.create(body("full"), Optional.of("order-1"));

    clock.advance(WINDOW.minusMillis(1));
    assertThat(service.create(body("full"), Optional.of("order-1"))).isEqualTo(first);

    clock.advance(Duration.ofMillis(1));
    String afterTheWindow = service.create(body("minimal"), Optional.of("order-1"));

    assertThat(afterTheWindow).isNotEqualTo(first);
    assertThat(store.list()).containsOnlyKeys(first, afterTheWindow);
    assertThat(service.create(body("minimal"), Optional.of("order-1"))).isEqualTo(afterTheWindow);
  }

  @Test
  void aRetryAfterTheEntryWasDeletedStillAnswersItsId() {
    String first = service.create(body("full"), Optional.of("order-1"));
    service.delete(first, Precondition.NONE);

    assertThat(service.create(body("full"), Optional.of("order-1"))).isEqualTo(first);
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
  void aMalformedKeyIsRefusedAndStoresNothing(String key) {
    assertThatExceptionOfType(InvalidIdempotencyKeyException.class)
        .isThrownBy(() -> service.create(body("full"), Optional.of(key)));

    assertThat(store.list()).isEmpty();
  }

  @Test
  void aKeyOf255CharactersIsAcceptedAnd256IsNot() {
    String longest = "!~".repeat(127) + "x";

    String id = service.create(body("full"), Optional.of(longest));

    assertThat(service.create(body("full"), Optional.of(longest))).isEqualTo(id);
    assertThatExceptionOfType(InvalidIdempotencyKeyException.class)
        .isThrownBy(() -> service.create(body("full"), Optional.of(longest + "x")));
  }

  @Test
  void theKeyIsCheckedBeforeTheBody() {
    assertThatExceptionOfType(InvalidIdempotencyKeyException.class)
        .isThrownBy(() -> service.create(utf8("not json"), Optional.of("")));
  }

  @Test
  void aBadBodyWithAKnownKeyIsStillABadBody() {
    service.create(body("full"), Optional.of("order-1"));

    assertThatExceptionOfType(MalformedEntryException.class)
        .isThrownBy(() -> service.create(utf8("not json"), Optional.of("order-1")));
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
                    new EntryReader(new EntryValidator(), 1024),
                    EntryId::generate,
                    clock,
                    AddressBookService.Policies.DEFAULTS.withIdempotencyWindow(Duration.ZERO)));
  }

  private static Optional<String> key() {
    return Optional.of("k");
  }

  private static String address(String unitNumber) {
    return "{\"kind\":\"home\",\"street_name\":\"S\",\"pincode\":1,\"country\":\"C\",\"unit_number\":"
        + unitNumber
        + "}";
  }

  private static InputStream body(String fixture) {
    return utf8(EntryFixtures.entry(fixture).toJson().toString());
  }

  private static InputStream utf8(String body) {
    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
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
