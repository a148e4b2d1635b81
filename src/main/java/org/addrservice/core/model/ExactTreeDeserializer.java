package org.addrservice.core.model;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds a JSON tree whose numbers are {@link ExactNumber}s holding the parser's text, which
 * Jackson's own tree reader turns into a value and so loses. Everything else is as Jackson builds
 * it, but a member name that comes twice in one object is an error. The tree is built with an
 * explicit stack, not by recursion, so the depth of a document costs no thread stack.
 */
final class ExactTreeDeserializer extends StdDeserializer<JsonNode> {

  private static final long serialVersionUID = 1L;

  ExactTreeDeserializer() {
    super(JsonNode.class);
  }

  @Override
  public JsonNode deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    JsonNodeFactory nodes = context.getNodeFactory();
    Deque<ContainerNode<?>> open = new ArrayDeque<>();
    String name = null;
    for (JsonToken token = parser.currentToken(); ; token = parser.nextToken()) {
      if (token == null) {
        throw new JsonParseException(parser, "Unexpected end-of-input");
      }
      JsonNode value;
      switch (token) {
        case FIELD_NAME -> {
          name = parser.currentName();
          continue;
        }
        case END_OBJECT, END_ARRAY -> {
          ContainerNode<?> done = open.pop();
          if (open.isEmpty()) {
            return done;
          }
          continue;
        }
        case START_OBJECT -> value = nodes.objectNode();
        case START_ARRAY -> value = nodes.arrayNode();
        case VALUE_STRING -> value = nodes.textNode(parser.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> value = number(parser);
        case VALUE_TRUE -> value = nodes.booleanNode(true);
        case VALUE_FALSE -> value = nodes.booleanNode(false);
        case VALUE_NULL -> value = nodes.nullNode();
        default -> throw new JsonParseException(parser, "Unexpected token " + token);
      }
      ContainerNode<?> parent = open.peek();
      if (parent instanceof ObjectNode object) {
        if (object.replace(name, value) != null) {
          throw new JsonParseException(
              parser, "Duplicate field '" + name + "'", parser.currentTokenLocation());
        }
      } else if (parent != null) {
        ((ArrayNode) parent).add(value);
      }
      if (value instanceof ContainerNode<?> container) {
        open.push(container);
      } else if (parent == null) {
        return value;
      }
    }
  }

  private static JsonNode number(JsonParser parser) throws IOException {
    try {
      return ExactNumber.of(parser.getText());
    } catch (NumberFormatException e) {
      // Well-formed JSON, but no BigDecimal can hold it (1e2147483648).
      throw new JsonParseException(
          parser, "a number whose exponent is out of range", parser.currentTokenLocation(), e);
    }
  }
}
