package org.addrservice.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.addrservice.core.AddressBookException;
import org.addrservice.core.EntryNotFoundException;
import org.addrservice.core.InvalidEntryException;
import org.addrservice.core.port.StoreException;
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
}
