package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.addrservice.core.PageQuery;
import org.addrservice.core.model.IdempotencyKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValuesTest {

  @Test
  void noParametersAskForTheFirstPageOfEverything() {
    assertThat(RequestValues.pageQuery(null, null, null, 3)).isEqualTo(PageQuery.FIRST);
  }

  @Test
  void eachParameterBecomesItsPartOfTheQuery() {
    String cursor = PageCursor.encode("0123456789abcdef0123456789abcdef");

    assertThat(RequestValues.pageQuery("3", cursor, "ada", 3))
        .isEqualTo(
            new PageQuery(
                OptionalInt.of(3),
                Optional.of("0123456789abcdef0123456789abcdef"),
                Optional.of("ada")));
  }

  @Test
  void aCursorHidesTheIdItHolds() {
    String id = "0123456789abcdef0123456789abcdef";

    assertThat(PageCursor.encode(id)).doesNotContain(id);
    assertThat(PageCursor.decode(PageCursor.encode(id))).contains(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "4", "-1", "+1", " 1", "1.5", "abc", "", "99999999999", "0x1"})
  void aLimitOutsideOneToTheMaximumIsRefused(String limit) {
    assertThatExceptionOfType(InvalidQueryParameterException.class)
        .isThrownBy(() -> RequestValues.pageQuery(limit, null, null, 3))
        .satisfies(
            e ->
                assertThat(e.errors())
                    .containsExactly("limit: must be a whole number from 1 to 3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!!!", "Li4veA", "YS5i", "%2F", "YQ=x", "w4k"})
  void aCursorThatHoldsNoWellFormedIdIsRefused(String after) {
    assertThatExceptionOfType(InvalidQueryParameterException.class)
        .isThrownBy(() -> RequestValues.pageQuery(null, after, null, 3))
        .satisfies(
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "after: must be a cursor from the Link header of a previous page"));
  }

  static Stream<Arguments> unacceptableSearches() {
    return Stream.of(
        Arguments.of("a".repeat(257), "q: must be at most 256 characters long"),
        Arguments.of("\u0000", "q: must not hold U+0000"),
        Arguments.of(
            "Ada\ud800", "q: must not hold an unpaired surrogate (U+D800), which is no character"));
  }

  @ParameterizedTest
  @MethodSource("unacceptableSearches")
  void aSearchTooLongOrHoldingTextNoStoreCanKeepIsRefused(String q, String error) {
    assertThatExceptionOfType(InvalidQueryParameterException.class)
        .isThrownBy(() -> RequestValues.pageQuery(null, null, q, 3))
        .satisfies(e -> assertThat(e.errors()).containsExactly(error));
  }

  @Test
  void everyBadParameterIsNamedAtOnce() {
    assertThatExceptionOfType(InvalidQueryParameterException.class)
        .isThrownBy(() -> RequestValues.pageQuery("0", "!", "\u0000", 3))
        .satisfies(
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "limit: must be a whole number from 1 to 3",
                        "after: must be a cursor from the Link header of a previous page",
                        "q: must not hold U+0000"));
  }

  @Test
  void withoutTheHeaderThereIsNoKey() {
    assertThat(RequestValues.idempotencyKey(headers(null))).isEmpty();
    assertThat(RequestValues.idempotencyKey(headers(List.of()))).isEmpty();
  }

  @Test
  void aWellFormedKeySentOnceIsTheKey() {
    assertThat(RequestValues.idempotencyKey(headers(List.of("order-1"))))
        .contains(new IdempotencyKey("order-1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "with space", "zoë"})
  void aMalformedKeyIsRefused(String key) {
    assertThatExceptionOfType(InvalidIdempotencyKeyHeaderException.class)
        .isThrownBy(() -> RequestValues.idempotencyKey(headers(List.of(key))));
  }

  @Test
  void aKeySentTwiceIsRefusedEvenWhenBothAreTheSame() {
    assertThatExceptionOfType(InvalidIdempotencyKeyHeaderException.class)
        .isThrownBy(() -> RequestValues.idempotencyKey(headers(List.of("k", "k"))));
  }

  /** Request headers whose only {@code Idempotency-Key} values are {@code keys}. */
  private static HttpHeaders headers(List<String> keys) {
    return (HttpHeaders)
        Proxy.newProxyInstance(
            HttpHeaders.class.getClassLoader(),
            new Class<?>[] {HttpHeaders.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getRequestHeader")
                  && RequestValues.IDEMPOTENCY_KEY.equals(args[0])) {
                return keys;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
