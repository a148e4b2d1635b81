package org.addrservice.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Objects;

/**
 * One contact of the address book, exactly as the client sent it.
 *
 * <p>The entry keeps the client's JSON document rather than a typed projection of it, because the
 * contract is round-trip fidelity: absent fields stay absent, numbers stay numbers, strings stay
 * strings. The document is copied on the way in and on the way out, so an entry never changes after
 * it is built. Whether the document satisfies the schema is the validator's business; the entry
 * itself only insists on the one field every entry has.
 */
public final class AddressEntry {

  private final ObjectNode document;

  private AddressEntry(ObjectNode document) {
    this.document = document;
  }

  /**
   * Wraps a copy of {@code document}, in which every number is an exact one: an entry built from a
   * tree with other number nodes equals the entry read back from its JSON.
   *
   * @throws IllegalArgumentException when the document has no textual {@code full_name}, or holds a
   *     number that is not finite
   */
  public static AddressEntry of(JsonNode document) {
    Objects.requireNonNull(document, "document");
    if (!document.isObject() || !document.path("full_name").isTextual()) {
      throw new IllegalArgumentException("an address entry is a JSON object with a full_name");
    }
    return new AddressEntry((ObjectNode) ExactJson.exactCopy(document));
  }

  /**
   * Reads an entry from JSON text written by {@link ExactJson#WRITER}; the parsed document is the
   * entry's own, so no copy is made.
   *
   * @throws IOException when the text is not one JSON document
   * @throws IllegalArgumentException when the document has no textual {@code full_name}
   */
  public static AddressEntry read(String json) throws IOException {
    return wrap(ExactJson.READER.readTree(json));
  }

  /** As {@link #read(String)}, from UTF-8 bytes. */
  public static AddressEntry read(byte[] json) throws IOException {
    return wrap(ExactJson.READER.readTree(json));
  }

  private static AddressEntry wrap(JsonNode document) {
    if (document == null || !document.isObject() || !document.path("full_name").isTextual()) {
      throw new IllegalArgumentException("an address entry is a JSON object with a full_name");
    }
    return new AddressEntry((ObjectNode) document);
  }

  public String fullName() {
    return document.get("full_name").textValue();
  }

  /**
   * What Jackson writes for an entry: its document as it is, without the copy {@link #toJson}
   * makes. Serialising only reads it.
   */
  @JsonValue
  private ObjectNode document() {
    return document;
  }

  /** A copy of the entry's JSON document, free to be changed by the caller. */
  public ObjectNode toJson() {
    return document.deepCopy();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AddressEntry that && document.equals(that.document);
  }

  @Override
  public int hashCode() {
    return document.hashCode();
  }

  @Override
  public String toString() {
    return "AddressEntry" + document;
  }
}
