package org.addrservice.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixtures say what they claim: every valid entry passes the schema, every invalid one fails at
 * exactly the paths it names, and together the valid entries use every field of the schema.
 */
class FixturesTest {

  private static final EntryValidator VALIDATOR = new EntryValidator();

  static Stream<Named<Path>> validFiles() {
    return EntryFixtures.validEntryFiles().stream()
        .map(file -> Named.of(EntryFixtures.nameOf(file), file));
  }

  static Stream<Named<Path>> invalidFiles() {
    return EntryFixtures.invalidEntryFiles().stream()
        .map(file -> Named.of(EntryFixtures.nameOf(file), file));
  }

  @Test
  void thereAreEnoughFixturesOfEachSort() {
    assertThat(EntryFixtures.validEntryFiles()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(EntryFixtures.invalidEntryFiles()).hasSizeGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void everyValidFixturePassesTheSchema(Path file) {
    assertThat(VALIDATOR.violations(EntryFixtures.tree(file))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void everyInvalidFixtureIsShapedAsDescriptionEntryAndFailingPaths(Path file) {
    JsonNode fixture = EntryFixtures.tree(file);

    assertThat(fixture.isObject()).isTrue();
    assertThat(fixture.properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("description", "entry", "failing_paths");
    assertThat(fixture.get("description").isTextual()).isTrue();
    assertThat(fixture.get("description").textValue()).isNotBlank();
    assertThat(failingPaths(fixture)).isNotEmpty().allMatch(path -> path.startsWith("$"));
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void everyInvalidFixtureFailsAtEachOfItsFailingPathsAndNowhereElse(Path file) {
    JsonNode fixture = EntryFixtures.tree(file);
    Set<String> failingPaths = failingPaths(fixture);

    List<String> violations = VALIDATOR.violations(fixture.get("entry"));

    assertThat(violations).isNotEmpty();
    for (String path : failingPaths) {
      assertThat(violations)
          .as("violations naming %s", path)
          .anySatisfy(violation -> assertThat(violation).startsWith(path + ": "));
    }
    assertThat(violations)
        .allSatisfy(
            violation -> {
              assertThat(violation).matches("\\$[^ ]*: \\S.*");
              assertThat(failingPaths).contains(pathOf(violation));
            });
  }

  @Test
  void validFixturesTogetherUseEveryFieldOfTheSchema() throws IOException {
    Set<String> used = new TreeSet<>();
    for (Path file : EntryFixtures.validEntryFiles()) {
      used.addAll(fieldsOf(EntryFixtures.tree(file)));
    }

    assertThat(used).containsAll(fieldsOfSchema());
  }

  @Test
  void validFixturesUseBothKindsInEveryArray() {
    for (String array : List.of("addresses", "phone_numbers", "fax_numbers", "emails")) {
      Set<String> kinds = new TreeSet<>();
      for (Path file : EntryFixtures.validEntryFiles()) {
        for (JsonNode element : EntryFixtures.tree(file).path(array)) {
          kinds.add(element.get("kind").textValue());
        }
      }
      assertThat(kinds).as(array).containsExactly("home", "work");
    }
  }

  @Test
  void validFixturesHoldNumberOrStringFieldsBothAsNumbersAndAsStrings() {
    for (String field : List.of("pincode", "street_number")) {
      List<JsonNode> values = new ArrayList<>();
      for (Path file : EntryFixtures.validEntryFiles()) {
        for (JsonNode address : EntryFixtures.tree(file).path("addresses")) {
          if (address.has(field)) {
            values.add(address.get(field));
          }
        }
      }
      assertThat(values).as(field).anyMatch(JsonNode::isNumber).anyMatch(JsonNode::isTextual);
    }
  }

  @Test
  void validFixturesHoldEmptyArraysDecimalsAndBigIntegers() {
    List<JsonNode> numbers = new ArrayList<>();
    boolean emptyArray = false;
    for (Path file : EntryFixtures.validEntryFiles()) {
      JsonNode entry = EntryFixtures.tree(file);
      for (JsonNode value : entry) {
        emptyArray |= value.isArray() && value.isEmpty();
      }
      numbers.addAll(entry.findValues("unit_number"));
      numbers.addAll(entry.findValues("street_number"));
      numbers.addAll(entry.findValues("area_code"));
    }

    assertThat(emptyArray).isTrue();
    assertThat(numbers).anyMatch(JsonNode::isBigDecimal).anyMatch(JsonNode::isBigInteger);
  }

  private static Set<String> failingPaths(JsonNode fixture) {
    Set<String> paths = new TreeSet<>();
    for (JsonNode path : fixture.get("failing_paths")) {
      assertThat(path.isTextual()).isTrue();
      paths.add(path.textValue());
    }
    return paths;
  }

  private static String pathOf(String violation) {
    return violation.substring(0, violation.indexOf(": "));
  }

  /** {@code full_name}, {@code addresses}, {@code addresses[].kind}, ... as used by an entry. */
  private static Set<String> fieldsOf(JsonNode entry) {
    Set<String> fields = new TreeSet<>();
    entry
        .properties()
        .forEach(
            field -> {
              fields.add(field.getKey());
              for (JsonNode element : field.getValue()) {
                element
                    .fieldNames()
                    .forEachRemaining(name -> fields.add(field.getKey() + "[]." + name));
              }
            });
    return fields;
  }

  /** Every field the schema allows, named as {@link #fieldsOf} names them. */
  private static Set<String> fieldsOfSchema() throws IOException {
    JsonNode schema;
    try (InputStream in =
        EntryValidator.class.getResourceAsStream(EntryValidator.SCHEMA_RESOURCE)) {
      assertThat(in).isNotNull();
      schema = Fixtures.EXACT_JSON.readTree(in);
    }
    Set<String> fields = new TreeSet<>();
    schema
        .get("properties")
        .properties()
        .forEach(
            property -> {
              fields.add(property.getKey());
              String ref = property.getValue().path("items").path("$ref").asText("");
              if (!ref.isEmpty()) {
                String definition = ref.substring(ref.lastIndexOf('/') + 1);
                schema
                    .get("$defs")
                    .get(definition)
                    .get("properties")
                    .fieldNames()
                    .forEachRemaining(name -> fields.add(property.getKey() + "[]." + name));
              }
            });
    assertThat(fields).contains("full_name", "addresses[].pincode", "emails[].email");
    return fields;
  }
}
