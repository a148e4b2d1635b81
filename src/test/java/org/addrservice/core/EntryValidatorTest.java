package org.addrservice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.ExactJson;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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
                + "must hold a character that is not white space",
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

  // ---- white space ---------------------------------------------------------------------------

  /** Strings that are white space only, in the Unicode sense and in ECMA-262's. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        " \t\n\r",
        "\u000b\f",
        "\u0085",
        "\u00a0",
        "\u1680",
        "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a",
        "\u2028\u2029",
        "\u202f\u205f",
        "\u3000\u00a0\u2003",
        "\ufeff"
      })
  void aStringOfWhiteSpaceOnlyIsRefusedWhereverAStringMustNotBeEmpty(String blank) {
    ObjectNode document = entryWithAddress();
    document.put("full_name", blank);
    ObjectNode address = (ObjectNode) document.get("addresses").get(0);
    address.put("street_name", blank).put("country", blank);
    address.put("pincode", blank).put("street_number", blank);

    assertThat(validator.violations(document))
        .containsExactly(
            "$.full_name: " + EntryValidator.NOT_BLANK,
            "$.addresses[0].street_number: " + EntryValidator.NOT_BLANK,
            "$.addresses[0].street_name: " + EntryValidator.NOT_BLANK,
            "$.addresses[0].pincode: " + EntryValidator.NOT_BLANK,
            "$.addresses[0].country: " + EntryValidator.NOT_BLANK);
  }

  /** One character that is not white space is enough, whatever surrounds it. */
  @ParameterizedTest
  @ValueSource(strings = {"a", " a ", "\u3000\u540d\u3000", "\u200b", "\u180e", "\ud83d\udc09"})
  void aStringWithACharacterThatIsNotWhiteSpaceIsAccepted(String text) {
    ObjectNode document = entryWithAddress();
    document.put("full_name", text);
    ((ObjectNode) document.get("addresses").get(0)).put("street_name", text).put("pincode", text);

    assertThat(validator.violations(document)).isEmpty();
  }

  /**
   * The published pattern refuses exactly what ECMA-262's {@code \s} matches, and U+0085, the same
   * under Java's regular expressions as under ECMA-262's: it spells each character out rather than
   * use {@code \s}, which Java takes for ASCII white space only.
   */
  @Test
  void theNotBlankPatternRefusesExactlyEcmaScriptWhiteSpaceAndNextLine() throws Exception {
    JsonNode schema;
    try (InputStream in =
        EntryValidator.class.getResourceAsStream(EntryValidator.SCHEMA_RESOURCE)) {
      schema = ExactJson.READER.readTree(in);
    }
    Pattern notBlank = Pattern.compile(schema.at("/$defs/notBlank/pattern").textValue());
    Pattern unicodeWhiteSpace = Pattern.compile("\\p{IsWhite_Space}");

    for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      if (Character.isSurrogate((char) codePoint) && codePoint <= Character.MAX_VALUE) {
        continue;
      }
      String character = Character.toString(codePoint);
      boolean ecmaScriptWhiteSpace =
          Character.getType(codePoint) == Character.SPACE_SEPARATOR
              || "\t\n\u000b\f\r\u2028\u2029\ufeff".indexOf(codePoint) >= 0;
      boolean refused = !notBlank.matcher(character).find();
      assertThat(refused)
          .as("U+%04X", codePoint)
          .isEqualTo(ecmaScriptWhiteSpace || codePoint == 0x85);
      if (unicodeWhiteSpace.matcher(character).matches()) {
        assertThat(refused).as("U+%04X is Unicode white space", codePoint).isTrue();
      }
    }
  }

  // ---- e-mail domains ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@b",
        "a@localhost",
        "a@[127.0.0.1]",
        "a@[IPv6:::1]",
        "a@example.localhost",
        "a@co.uk",
        "a@com"
      })
  void anEmailWhoseDomainIsNotUnderAPublicSuffixIsRefusedAtItsPath(String email) {
    ObjectNode document = entryWithEmails("ada@example.org", email);

    assertThat(validator.violations(document))
        .containsExactly("$.emails[1].email: " + EmailDomains.NOT_UNDER_A_PUBLIC_SUFFIX);
  }

  /** A top-level domain that does not exist fails the format already: one line all the same. */
  @ParameterizedTest
  @ValueSource(strings = {"a@example.invalid", "a@printer.local", "a@example.test"})
  void anEmailUnderNoRealTopLevelDomainIsRefusedAtItsPathOnce(String email) {
    assertThat(validator.violations(entryWithEmails(email)))
        .singleElement()
        .asString()
        .startsWith("$.emails[0].email: ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada@example.org",
        "ADA@EXAMPLE.ORG",
        "x@example.co.uk",
        "o.brien+tag@mail.example.co.uk",
        "ines@b\u00fccher.de",
        "ines@xn--bcher-kva.de",
        "info@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
        "me@someone.github.io"
      })
  void anEmailUnderAPublicSuffixIsAccepted(String email) {
    assertThat(validator.violations(entryWithEmails(email))).isEmpty();
  }

  @Test
  void anEmailTheFormatRefusesGetsTheFormatsLineOnly() {
    List<String> violations = validator.violations(entryWithEmails("bill.gates-at-localhost"));

    assertThat(violations).singleElement().asString().startsWith("$.emails[0].email: ");
    assertThat(violations.get(0)).doesNotContain(EmailDomains.NOT_UNDER_A_PUBLIC_SUFFIX);
  }

  @Test
  void emailsThatAreNotStringsAreLeftToTheSchema() {
    ObjectNode document = entryWithEmails("ada@example.org");
    ((ObjectNode) document.get("emails").get(0)).put("email", 7);
    document.withArray("emails").add("not an object");

    assertThat(validator.violations(document))
        .hasSize(2)
        .noneMatch(violation -> violation.contains(EmailDomains.NOT_UNDER_A_PUBLIC_SUFFIX));
  }

  private static ObjectNode entryWithAddress() {
    return (ObjectNode)
        Fixtures.exactJson(
            "{\"full_name\": \"Bill\", \"addresses\": [{\"kind\": \"home\","
                + " \"street_name\": \"MG Road\", \"pincode\": 1, \"country\": \"India\"}]}");
  }

  private static ObjectNode entryWithEmails(String... emails) {
    ObjectNode document = (ObjectNode) Fixtures.exactJson("{\"full_name\": \"Bill\"}");
    ArrayNode array = document.putArray("emails");
    for (String email : emails) {
      array.addObject().put("kind", "home").put("email", email);
    }
    return document;
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
