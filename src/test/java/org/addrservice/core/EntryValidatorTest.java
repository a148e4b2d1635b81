package org.addrservice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EntryValidatorTest {

  private final EntryValidator validator = new EntryValidator();

  static Stream<Named<Path>> validFiles() {
    return EntryFixtures.validEntryFiles().stream()
        .map(file -> Named.of(EntryFixtures.nameOf(file), file));
  }

  static Stream<Named<Path>> invalidFiles() {
    return EntryFixtures.invalidEntryFiles().stream()
        .map(file -> Named.of(EntryFixtures.nameOf(file), file));
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void validateAnswersAnEntryEqualToTheValidDocument(Path file) {
    JsonNode document = EntryFixtures.tree(file);

    AddressEntry entry = validator.validate(document);

    assertThat(entry.toJson()).isEqualTo(document);
    assertThat(entry).isEqualTo(AddressEntry.of(document));
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void aValidDocumentHasNoViolations(Path file) {
    assertThat(validator.violations(EntryFixtures.tree(file))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void validateRejectsAnInvalidDocumentWithItsViolations(Path file) {
    JsonNode document = EntryFixtures.tree(file).get("entry");

    InvalidEntryException e =
        catchThrowableOfType(InvalidEntryException.class, () -> validator.validate(document));

    assertThat(e).isNotNull().hasMessage("JSON Schema validation failed");
    assertThat(e.violations()).isNotEmpty().isEqualTo(validator.violations(document));
  }

  @Test
  void aViolationNamesTheJsonPathThenTheProblem() {
    JsonNode document =
        EntryFixtures.tree(EntryFixtures.invalidEntryFile("bad-address-kind")).get("entry");

    assertThat(validator.violations(document))
        .singleElement()
        .asString()
        .startsWith("$.addresses[0].kind: ")
        .contains("enumeration", "home", "work");
  }

  @Test
  void anUnknownTopLevelFieldIsReportedAtItsOwnPath() {
    JsonNode document =
        EntryFixtures.tree(EntryFixtures.invalidEntryFile("unknown-top-level-field")).get("entry");

    assertThat(validator.violations(document))
        .singleElement()
        .asString()
        .startsWith("$.nickname: ")
        .contains("not defined in the schema");
  }

  @Test
  void severalFailuresAtOnePathMakeOneViolation() {
    JsonNode document = Fixtures.exactJson("{\"full_name\": \"\", \"a\": 1, \"b\": 2}");

    assertThat(validator.violations(document))
        .containsExactly(
            "$.full_name: must be at least 1 characters long; "
                + "does not match the regex pattern \\S",
            "$.a: property 'a' is not defined in the schema and the schema does not allow"
                + " additional properties",
            "$.b: property 'b' is not defined in the schema and the schema does not allow"
                + " additional properties");
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    JsonNode document =
        EntryFixtures.tree(EntryFixtures.invalidEntryFile("missing-street-name")).get("entry");

    assertThat(validator.violations(document))
        .singleElement()
        .asString()
        .startsWith("$.addresses[1]: ")
        .contains("street_name");
  }

  @Test
  void everyViolationIsReportedNotOnlyTheFirst() {
    JsonNode document =
        EntryFixtures.tree(EntryFixtures.invalidEntryFile("many-violations-at-once")).get("entry");

    assertThat(validator.violations(document)).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void messagesAreInEnglish() {
    JsonNode document =
        EntryFixtures.tree(EntryFixtures.invalidEntryFile("missing-full-name")).get("entry");

    assertThat(validator.violations(document))
        .containsExactly("$: required property 'full_name' not found");
  }

  @Test
  void theSchemaIsOnTheClassPath() {
    assertThat(EntryValidator.class.getResource(EntryValidator.SCHEMA_RESOURCE)).isNotNull();
  }

  @Test
  void oneValidatorGivesTheSameAnswersOnManyThreadsAtOnce() throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    for (Path file : EntryFixtures.invalidEntryFiles()) {
      JsonNode document = EntryFixtures.tree(file).get("entry");
      documents.add(document);
      expected.add(validator.violations(document));
    }
    Callable<List<List<String>>> validateAll =
        () -> {
          List<List<String>> answers = new ArrayList<>();
          for (int round = 0; round < 20; round++) {
            answers.clear();
            for (JsonNode document : documents) {
              answers.add(validator.violations(document));
            }
          }
          return answers;
        };
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<List<String>>>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(validateAll));
      }
      for (Future<List<List<String>>> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void invalidEntryExceptionKeepsAnUnchangeableCopyOfTheViolations() {
    List<String> violations = new ArrayList<>(List.of("$.full_name: must not be empty"));
    InvalidEntryException e = new InvalidEntryException(violations);

    violations.add("$: something else");

    assertThat(e.violations()).containsExactly("$.full_name: must not be empty");
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> e.violations().add("$: more"));
  }
}
