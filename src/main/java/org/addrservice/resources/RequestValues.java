package org.addrservice.resources;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.addrservice.core.PageQuery;
import org.addrservice.core.model.IdempotencyKey;

/**
 * Reads the values the service takes out of query parameters and headers, and refuses, naming the
 * parameter or header, what holds none.
 */
final class RequestValues {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private RequestValues() {}

  /**
   * The page {@code limit}, {@code after} and {@code q} ask for, each as the client sent it, null
   * when absent.
   *
   * @throws InvalidQueryParameterException naming each parameter that holds no valid value: a limit
   *     that is not a whole number from 1 to {@code maxPageSize}, a cursor that is not one of a
   *     {@code Link} header, a search that breaks {@link PageQuery#searchProblems}
   */
  static PageQuery pageQuery(String limit, String after, String q, int maxPageSize) {
    List<String> errors = new ArrayList<>();
    OptionalInt pageSize = OptionalInt.empty();
    if (limit != null) {
      int number = DIGITS.matcher(limit).matches() ? Integer.parseInt(limit) : 0;
      if (number < 1 || number > maxPageSize) {
        errors.add("limit: must be a whole number from 1 to " + maxPageSize);
      } else {
        pageSize = OptionalInt.of(number);
      }
    }
    Optional<String> afterId = Optional.empty();
    if (after != null) {
      afterId = PageCursor.decode(after);
      if (afterId.isEmpty()) {
        errors.add("after: must be a cursor from the Link header of a previous page");
      }
    }
    if (q != null) {
      PageQuery.searchProblems(q).forEach(problem -> errors.add("q: " + problem));
    }
    if (!errors.isEmpty()) {
      throw new InvalidQueryParameterException(errors);
    }
    return new PageQuery(pageSize, afterId, Optional.ofNullable(q));
  }

  /**
   * The key of the {@value #IDEMPOTENCY_KEY} header, when the client sent one.
   *
   * @throws InvalidIdempotencyKeyHeaderException when it is sent more than once, which is
   *     ambiguous, or holds no well-formed key
   */
  static Optional<IdempotencyKey> idempotencyKey(HttpHeaders headers) {
    List<String> keys = headers.getRequestHeader(IDEMPOTENCY_KEY);
    if (keys == null || keys.isEmpty()) {
      return Optional.empty();
    }
    if (keys.size() > 1 || !IdempotencyKey.isWellFormed(keys.get(0))) {
      throw new InvalidIdempotencyKeyHeaderException();
    }
    return Optional.of(new IdempotencyKey(keys.get(0)));
  }
}
