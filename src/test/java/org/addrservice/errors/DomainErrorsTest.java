package org.addrservice.errors;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.addrservice.api.ErrorBody;
import org.addrservice.core.AddressBookException;
import org.addrservice.core.EntryNotFoundException;
import org.addrservice.core.InvalidEntryException;
import org.addrservice.core.port.StoreException;
import org.addrservice.logging.RequestContext;
import org.addrservice.resources.BodyTooLargeException;
import org.addrservice.resources.UnreadableRequestException;
import org.junit.jupiter.api.Test;

class DomainErrorsTest {

  @Test
  void everyRefusalOfTheBookHasARowThatAnswersA4xx() {
    Class<?>[] refusals = AddressBookException.class.getPermittedSubclasses();

    assertThat(refusals).isNotEmpty();
    assertThat(Arrays.asList(refusals))
        .allSatisfy(
            type ->
                assertThat(DomainErrors.rowFor(type))
                    .as("the row for %s", type.getSimpleName())
                    .hasValueSatisfying(row -> assertThat(row.status()).isBetween(400, 499)));
  }

  @Test
  void everyRefusalOfTheWebEdgeHasARowThatAnswersA4xx() {
    Class<?>[] refusals = UnreadableRequestException.class.getPermittedSubclasses();

    assertThat(refusals).isNotEmpty();
    assertThat(Arrays.asList(refusals))
        .allSatisfy(
            type ->
                assertThat(DomainErrors.rowFor(type))
                    .as("the row for %s", type.getSimpleName())
                    .hasValueSatisfying(row -> assertThat(row.status()).isBetween(400, 499)));
  }

  @Test
  void aBodyTooLargeIsAnswered413AndClosesTheConnection() {
    Response answer = DomainErrors.answer(request(new HashMap<>()), new BodyTooLargeException(10));

    assertThat(answer.getStatus()).isEqualTo(413);
    assertThat(answer.getHeaderString("Connection")).isEqualTo("close");
    assertThat(((ErrorBody) answer.getEntity()).errors())
        .containsExactly("the body must not be longer than 10 bytes");
  }

  @Test
  void aStoreFailureIsAnswered503AndItsCauseGoesToTheLogLine() {
    Map<String, Object> attributes = new HashMap<>();
    StoreException failure = new StoreException("the disk is gone");

    Response answer = DomainErrors.answer(request(attributes), failure);

    assertThat(answer.getStatus()).isEqualTo(503);
    assertThat(answer.getHeaderString("Connection")).isNull();
    assertThat(((RequestContext) attributes.get(RequestContext.ATTRIBUTE)).failure())
        .isSameAs(failure);
  }

  @Test
  void anExceptionWithoutARowIsAnswered500() {
    Response answer = DomainErrors.answer(request(new HashMap<>()), new IllegalStateException());

    assertThat(answer.getStatus()).isEqualTo(500);
    assertThat(((ErrorBody) answer.getEntity()).message()).isEqualTo("Internal Server Error");
  }

  @Test
  void aStoreThatCannotBeUsedAnswers503AndLogsTheCause() {
    DomainErrors.Row row = DomainErrors.rowFor(StoreException.class).orElseThrow();

    assertThat(row.status()).isEqualTo(503);
    assertThat(row.message()).isEqualTo("Address book storage unavailable");
    assertThat(row.consequence()).isEqualTo(DomainErrors.Consequence.LOG_THE_CAUSE);
  }

  @Test
  void aSubclassOfAStoreFailureIsAnsweredByItsRow() {
    class DiskGone extends StoreException {
      private static final long serialVersionUID = 1L;

      DiskGone() {
        super("the disk is gone");
      }
    }

    assertThat(DomainErrors.rowFor(DiskGone.class).orElseThrow().status()).isEqualTo(503);
  }

  @Test
  void anExceptionWithoutARowHasNone() {
    assertThat(DomainErrors.rowFor(IllegalStateException.class)).isEmpty();
  }

  @Test
  void aRowTakesItsErrorsFromTheException() {
    DomainErrors.Row invalid = DomainErrors.rowFor(InvalidEntryException.class).orElseThrow();
    DomainErrors.Row notFound = DomainErrors.rowFor(EntryNotFoundException.class).orElseThrow();

    assertThat(invalid.errors().apply(new InvalidEntryException(List.of("$.a: bad"))))
        .containsExactly("$.a: bad");
    assertThat(notFound.errors().apply(new EntryNotFoundException())).isEmpty();
    assertThat(notFound.status()).isEqualTo(404);
  }

  /** A request to {@code GET /addresses} that keeps its attributes in {@code attributes}. */
  private static HttpServletRequest request(Map<String, Object> attributes) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            HttpServletRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getMethod" -> "GET";
                  case "getRequestURI" -> "/addresses";
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  default -> null;
                });
  }
}
