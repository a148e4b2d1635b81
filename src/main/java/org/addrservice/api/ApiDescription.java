package org.addrservice.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.addrservice.core.EntryValidator;

/**
 * The API's own description: the entry schema exactly as the validator reads it, and the OpenAPI
 * document with that schema written in as {@code components.schemas.AddressEntry}, so the rules of
 * an entry are stated once. Both are read and assembled once, when the service starts.
 */
public final class ApiDescription {

  /** The hand-written OpenAPI document, with a stand-in for the entry schema. */
  public static final String OPENAPI_RESOURCE = "/openapi/openapi.json";

  /** Where the entry schema sits in the OpenAPI document. */
  private static final String ENTRY_SCHEMA_POINTER = "#/components/schemas/AddressEntry";

  private static final String ENTRY_SCHEMA_NAME = "AddressEntry";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final byte[] entrySchema;
  private final byte[] openApi;

  public ApiDescription() {
    this(OPENAPI_RESOURCE, EntryValidator.SCHEMA_RESOURCE);
  }

  ApiDescription(String openApiResource, String entrySchemaResource) {
    this.entrySchema = read(entrySchemaResource);
    this.openApi = assemble(openApiResource, read(openApiResource), entrySchema);
  }

  /** The entry schema, byte for byte as the service validates with it. */
  public byte[] entrySchema() {
    return entrySchema.clone();
  }

  /** The OpenAPI 3.1 document, as JSON. */
  public byte[] openApi() {
    return openApi.clone();
  }

  private static byte[] assemble(String resource, byte[] document, byte[] entrySchema) {
    try {
      JsonNode openApi = JSON.readTree(document);
      JsonNode schemas = openApi.path("components").path("schemas");
      if (!(schemas instanceof ObjectNode named) || !named.has(ENTRY_SCHEMA_NAME)) {
        throw new IllegalStateException(
            resource + " has no components.schemas." + ENTRY_SCHEMA_NAME + " to fill in");
      }
      named.set(ENTRY_SCHEMA_NAME, embeddable((ObjectNode) JSON.readTree(entrySchema)));
      return JSON.writeValueAsBytes(openApi);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot assemble " + resource, e);
    }
  }

  /**
   * The schema as a plain subschema of the document. Its {@code $id} would make it a resource of
   * its own, against which {@code #/$defs/...} resolves; that is valid JSON Schema, but OpenAPI
   * tools resolve {@code #...} against the document. So it loses {@code $id} (and with it {@code
   * $schema}, which only a resource root may carry; the document's dialect is 2020-12 as well), and
   * its references are re-rooted at where the schema now sits.
   */
  private static ObjectNode embeddable(ObjectNode schema) {
    schema.remove("$id");
    schema.remove("$schema");
    reroot(schema);
    return schema;
  }

  private static void reroot(JsonNode node) {
    if (node instanceof ObjectNode object
        && object.get("$ref") instanceof TextNode ref
        && ref.textValue().startsWith("#")) {
      object.put("$ref", ENTRY_SCHEMA_POINTER + ref.textValue().substring(1));
    }
    node.forEach(ApiDescription::reroot);
  }

  private static byte[] read(String resource) {
    try (InputStream in = ApiDescription.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
