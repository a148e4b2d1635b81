package org.addrservice.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.addrservice.core.model.AddressEntry;

/**
 * Checks JSON documents against the address-entry schema shipped in the jar. The schema is compiled
 * once; a validator is immutable and safe to share between threads.
 */
public final class EntryValidator {

  /** Where the schema lives on the class path; the API serves the same file. */
  public static final String SCHEMA_RESOURCE = "/schema/address-entry.json";

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

  /** Every violation of the schema, each as {@code "<json path>: <message>"}; empty when valid. */
  public List<String> violations(JsonNode document) {
    List<Error> errors = schema.validate(document);
    return errors.stream().map(EntryValidator::describe).toList();
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

  private static String describe(Error error) {
    return error.getInstanceLocation() + ": " + error.getMessage();
  }
}
