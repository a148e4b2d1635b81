package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.addrservice.core.AddressBookException;
import org.addrservice.core.EntryNotFoundException;
import org.addrservice.core.IdempotencyKeyReusedException;
import org.addrservice.core.InvalidEntryException;
import org.addrservice.core.InvalidQueryException;
import org.addrservice.core.PreconditionRequiredException;
import org.addrservice.core.UnstorableTextException;
import org.addrservice.core.VersionMismatchException;
import org.addrservice.core.model.IdempotencyKey;
import org.addrservice.core.port.StoreException;
import org.addrservice.resources.BodyTooLargeException;
import org.addrservice.resources.InvalidIdempotencyKeyHeaderException;
import org.addrservice.resources.InvalidQueryParameterException;
import org.addrservice.resources.MalformedBodyException;
import org.addrservice.resources.UnreadableRequestException;

/**
 * The one table of what a client is answered when the book, its store or the web edge refuses a
 * request: for each exception, the status, the message and the {@code errors} of the JSON error
 * body. Every subclass of the sealed {@link AddressBookException} and {@link
 * UnreadableRequestException} has a row (a test holds the table to that); anything without a row is
 * a bug, answered 500 by {@link UnexpectedExceptionMapper}.
 *
 * <p>The book's exceptions say what is wrong in the book's words; the words a client reads, with
 * the status, header and parameter names, are chosen here. A query the web edge lets through is
 * valid, and a key it lets through is well formed, so the rows for the book's own checks of them
 * only answer callers that skip the edge.
 */
public final class DomainErrors {

  /** The message of every answer to a body over the limit, wherever it is found to be. */
  public static final String BODY_TOO_LARGE = "Request body too large";

  private static final Map<Class<? extends RuntimeException>, Row> ROWS = new LinkedHashMap<>();

  static {
    row(EntryNotFoundException.class, 404, "Address entry not found", e -> List.of());
    row(InvalidEntryException.class, 400, "JSON Schema validation failed", e -> e.violations());
    row(MalformedBodyException.class, 400, "Invalid JSON body", e -> List.of(e.detail()));
    row(UnstorableTextException.class, 400, "Invalid JSON body", e -> List.of(e.detail()));
    row(InvalidQueryParameterException.class, 400, "Invalid query parameter", e -> e.errors());
    row(InvalidQueryException.class, 400, "Invalid query parameter", e -> e.problems());
    row(
        InvalidIdempotencyKeyHeaderException.class,
        400,
        "Invalid Idempotency-Key header",
        e ->
            List.of(
                "Idempotency-Key must be sent once, with 1 to "
                    + IdempotencyKey.MAX_LENGTH
                    + " visible ASCII characters"));
    row(
        VersionMismatchException.class,
        412,
        "Entry version mismatch",
        e -> List.of("the entry has changed since that ETag; GET it again for its current ETag"));
    row(
        BodyTooLargeException.class,
        413,
        BODY_TOO_LARGE,
        e -> bodyTooLargeErrors(e.limitBytes()),
        Consequence.CLOSE_THE_CONNECTION);
    row(
        IdempotencyKeyReusedException.class,
        422,
        "Idempotency key reused with a different body",
        e -> List.of("a retry must send the same entry as the first request with this key"));
    row(
        PreconditionRequiredException.class,
        428,
        "If-Match required",
        e -> List.of("send If-Match with the ETag from GET of the entry"));
    row(
        StoreException.class,
        503,
        "Address book storage unavailable",
        e -> List.of(),
        Consequence.LOG_THE_CAUSE);
  }

  private DomainErrors() {}

  /** What else an answer does besides its body. */
  enum Consequence {
    NONE,
    /** The rest of the body is never read, so the connection cannot carry another request. */
    CLOSE_THE_CONNECTION,
    /** The request failed on the service's side: its log line carries the exception. */
    LOG_THE_CAUSE
  }

  /** One row of the table: the answer to one exception type. */
  record Row(
      int status,
      String message,
      Function<RuntimeException, List<String>> errors,
      Consequence consequence) {}

  /** The detail of a 413: what the limit is. */
  public static List<String> bodyTooLargeErrors(long limitBytes) {
    return List.of("the body must not be longer than " + limitBytes + " bytes");
  }

  /** The row for {@code type}, or for the nearest of its superclasses that has one. */
  static Optional<Row> rowFor(Class<?> type) {
    for (Class<?> at = type; at != null; at = at.getSuperclass()) {
      Row row = ROWS.get(at);
      if (row != null) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  /** The answer to {@code e} by its row; a 500 when it has none. */
  static Response answer(HttpServletRequest request, RuntimeException e) {
    Optional<Row> found = rowFor(e.getClass());
    if (found.isEmpty()) {
      return UnexpectedExceptionMapper.answer(request, e);
    }
    Row row = found.get();
    if (row.consequence() == Consequence.LOG_THE_CAUSE) {
      ErrorResponses.recordFailure(request, e);
    }
    Response.ResponseBuilder answer =
        ErrorResponses.builder(request, row.status(), row.message(), row.errors().apply(e));
    if (row.consequence() == Consequence.CLOSE_THE_CONNECTION) {
      answer.header("Connection", "close");
    }
    return answer.build();
  }

  private static <E extends RuntimeException> void row(
      Class<E> type, int status, String message, Function<E, List<String>> errors) {
    row(type, status, message, errors, Consequence.NONE);
  }

  private static <E extends RuntimeException> void row(
      Class<E> type,
      int status,
      String message,
      Function<E, List<String>> errors,
      Consequence consequence) {
    ROWS.put(type, new Row(status, message, e -> errors.apply(type.cast(e)), consequence));
  }

  /** Answers the refusals of the book by the table. */
  public static final class AddressBookExceptionMapper
      implements ExceptionMapper<AddressBookException> {

    @Context private HttpServletRequest request;

    @Override
    public Response toResponse(AddressBookException e) {
      return answer(request, e);
    }
  }

  /** Answers the refusals of the web edge by the table. */
  public static final class UnreadableRequestExceptionMapper
      implements ExceptionMapper<UnreadableRequestException> {

    @Context private HttpServletRequest request;

    @Override
    public Response toResponse(UnreadableRequestException e) {
      return answer(request, e);
    }
  }

  /** Answers a store that cannot be used by the table. */
  public static final class StoreExceptionMapper implements ExceptionMapper<StoreException> {

    @Context private HttpServletRequest request;

    @Override
    public Response toResponse(StoreException e) {
      return answer(request, e);
    }
  }
}
