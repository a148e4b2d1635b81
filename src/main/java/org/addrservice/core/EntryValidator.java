package org.addrservice.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.addrservice.core.model.AddressEntry;

/**
 * Checks JSON documents against the address-entry schema shipped in the jar, and e-mail domains
 * against the Public Suffix List ({@link EmailDomains}), which no schema can name. The schema is
 * compiled once; a validator is immutable and safe to share between threads.
 */
public final class EntryValidator {

  /** Where the schema lives on the class path; the API serves the same file. */
  public static final String SCHEMA_RESOURCE = "/schema/address-entry.json";

  private static final String UNKNOWN_FIELD = "additionalProperties";

  /** Where the schema states that a string must not be only white space. */
  private static final String NOT_BLANK_PATTERN = "#/$defs/notBlank/pattern";

  static final String NOT_BLANK = "must hold a character that is not white space";

  private final Schema schema;

  public EntryValidator() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_PATH)
            .formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH)
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config));
    try (InputStream in = EntryValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema " + SCHEMA_RESOURCE + " is missing from the jar");
      }
      this.schema = registry.getSchema(in, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + SCHEMA_RESOURCE, e);
    }
  }

  /**
   * Every violation of the schema, and of the e-mail domain rule it cannot state, one line per
   * failing JSON path, as {@code "<json path>: <message>[; <message>...]"}; empty when valid. A
   * field the schema does not allow is named by its own path, not its parent's.
   */
  public List<String> violations(JsonNode document) {
    Map<String, List<String>> messagesByPath = new LinkedHashMap<>();
    for (Error error : schema.validate(document)) {
      messagesByPath
          .computeIfAbsent(pathOf(error), path -> new ArrayList<>())
          .add(messageOf(error));
    }
    addEmailDomainViolations(document, messagesByPath);
    List<String> violations = new ArrayList<>(messagesByPath.size());
    messagesByPath.forEach(
        (path, messages) -> violations.add(path + ": " + String.join("; ", messages)));
    return violations;
  }

  /**
   * The document as an entry.
   *
   * @throws InvalidEntryException when the document breaks the schema
   */
  public AddressEntry validate(JsonNode document) {
    List<String> violations = violations(document);
    if (!violations.isEmpty()) {
      throw new InvalidEntryException(violations);
    }
    return AddressEntry.of(document);
  }

  /**
   * The rule the schema cannot state ({@link EmailDomains}), for each e-mail address that passed
   * the schema's own checks: one failure at one path, like the schema's.
   */
  private static void addEmailDomainViolations(
      JsonNode document, Map<String, List<String>> messagesByPath) {
    JsonNode emails = document.path("emails");
    for (int index = 0; index < emails.size(); index++) {
      JsonNode email = emails.path(index).path("email");
      String path = "$.emails[" + index + "].email";
      if (email.isTextual()
          && !messagesByPath.containsKey(path)
          && !EmailDomains.isUnderAPublicSuffix(email.textValue())) {
        messagesByPath.put(path, List.of(EmailDomains.NOT_UNDER_A_PUBLIC_SUFFIX));
      }
    }
  }

  /** The validator's message, but in words for the white space rule rather than its pattern. */
  private static String messageOf(Error error) {
    return error.getSchemaLocation().toString().endsWith(NOT_BLANK_PATTERN)
        ? NOT_BLANK
        : error.getMessage();
  }

  private static String pathOf(Error error) {
    NodePath location = error.getInstanceLocation();
    if (UNKNOWN_FIELD.equals(error.getKeyword()) && error.getProperty() != null) {
      if (error.getProperty().isEmpty()) {
        // The validator cannot write an empty name as a path segment; it throws instead.
        return location + "['']";
      }
      location = location.append(error.getProperty());
    }
    return location.toString();
  }
}
