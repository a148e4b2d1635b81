package org.addrservice.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The one way entries are read from and written to JSON, wherever they come from (a request, a
 * store, an export file). Reading is strict, so that what is kept is what the client meant:
 * duplicate keys and trailing content are errors, and every number keeps the text it was written
 * with ({@link ExactNumber}), so that no number changes on its way through: not {@code 1.50} to
 * {@code 1.5}, nor {@code 1e5} to {@code 1E+5}, nor {@code 1e400} to infinity. Readers and writers
 * are immutable and thread-safe.
 */
public final class ExactJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addModule(
              new SimpleModule().addDeserializer(JsonNode.class, new ExactTreeDeserializer()))
          .build();

  public static final ObjectReader READER = MAPPER.reader();

  public static final ObjectWriter WRITER = MAPPER.writer();

  private ExactJson() {}

  /**
   * A deep copy of {@code node} whose numbers are exact, whoever built it: a number node of any
   * other kind becomes the exact number it writes itself as.
   *
   * @throws IllegalArgumentException when it holds a number that is not finite
   */
  static JsonNode exactCopy(JsonNode node) {
    if (node.isNumber()) {
      return ExactNumber.copyOf(node);
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        copy.set(member.getKey(), exactCopy(member.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
      node.forEach(element -> copy.add(exactCopy(element)));
      return copy;
    }
    return node.deepCopy();
  }
}
