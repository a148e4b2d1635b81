package org.addrservice.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.ExactJson;

/**
 * The file format of {@code export} and {@code import}: JSON Lines in UTF-8, one entry per line as
 * {@code {"id":"<id>","entry":{...}}}.
 *
 * <p>Lines are read as strictly as request bodies (duplicate keys and trailing content are errors)
 * and numbers are kept as the stores keep them, decimals as {@link java.math.BigDecimal} with their
 * trailing zeros, so that an entry leaves one store and enters another unchanged.
 */
final class EntryLines {

  static final String ID = "id";
  static final String ENTRY = "entry";

  private static final Set<String> FIELDS = Set.of(ID, ENTRY);
  private static final int QUOTE_LIMIT = 60;

  /**
   * One line of the file, well formed as JSON; whether the id and entry are valid is not checked.
   */
  record Line(String id, JsonNode entry) {}

  private EntryLines() {}

  /** The line for {@code entry}, without its line break. */
  static String format(String id, AddressEntry entry) {
    ObjectNode line = JsonNodeFactory.instance.objectNode();
    line.put(ID, id);
    line.set(ENTRY, entry.toJson());
    try {
      return ExactJson.WRITER.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an entry always serialises", e);
    }
  }

  /**
   * Reads one line.
   *
   * @throws IllegalArgumentException saying what is wrong when the line is not one JSON object with
   *     exactly a textual {@code id} and an {@code entry}
   */
  static Line parse(String text) {
    JsonNode node;
    try {
      node = ExactJson.READER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String column = where == null ? "" : " (column " + where.getColumnNr() + ")";
      throw new IllegalArgumentException(
          "not valid JSON" + column + ": " + e.getOriginalMessage(), e);
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "not a JSON object with \"" + ID + "\" and \"" + ENTRY + "\"");
    }
    Set<String> missing = new TreeSet<>(FIELDS);
    Set<String> unknown = new TreeSet<>();
    node.fieldNames()
        .forEachRemaining(
            name -> {
              // Parsing refuses duplicate keys, so each name comes once: known or unknown.
              if (!missing.remove(name)) {
                unknown.add(quote(name));
              }
            });
    List<String> problems = new ArrayList<>();
    missing.forEach(name -> problems.add("the field " + quote(name) + " is missing"));
    unknown.forEach(name -> problems.add("unknown field " + name));
    if (problems.isEmpty() && !node.get(ID).isTextual()) {
      problems.add("the id is not a string");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new Line(node.get(ID).textValue(), node.get(ENTRY));
  }

  /**
   * {@code text} as a JSON string, cut short when long, so that whatever a file holds shows on one
   * readable line of a message.
   */
  static String quote(String text) {
    String shown =
        text.codePointCount(0, text.length()) > QUOTE_LIMIT
            ? text.substring(0, text.offsetByCodePoints(0, QUOTE_LIMIT)) + "..."
            : text;
    try {
      return ExactJson.WRITER.writeValueAsString(shown);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always serialises", e);
    }
  }
}
