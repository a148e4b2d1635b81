package org.addrservice.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.path.PathType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The text every store can keep exactly, and so the only text the service accepts, in a document or
 * a search: no U+0000, which a PostgreSQL {@code text} cannot hold, and no unpaired surrogate,
 * which is no Unicode character (RFC 7493 forbids it in I-JSON), cannot be written as UTF-8, and
 * which the JDBC drivers store as {@code ?}. Anything else is kept as sent by every store.
 */
public final class StorableText {

  private StorableText() {}

  /** What keeps {@code text} from being stored, as "must not ..."; empty when it can be. */
  public static Optional<String> problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return Optional.of("must not hold U+0000");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of(
            "must not hold an unpaired surrogate (U+" + hex(c) + "), which is no character");
      }
    }
    return Optional.empty();
  }

  /**
   * The first string or member name of {@code document} that cannot be stored, as {@code "<json
   * path>: <problem>"} in the form of the schema's errors; a member name is reported at the object
   * that holds it, since the name itself cannot be shown. Empty when every text can be stored.
   */
  public static Optional<String> firstProblem(JsonNode document) {
    return firstProblem(document, new StringBuilder(PathType.JSON_PATH.getRoot()));
  }

  private static Optional<String> firstProblem(JsonNode node, StringBuilder path) {
    if (node.isTextual()) {
      return problem(node.textValue()).map(problem -> path + ": " + problem);
    }
    int end = path.length();
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        Optional<String> inName = problem(member.getKey());
        if (inName.isPresent()) {
          return Optional.of(path + ": a member name " + inName.get());
        }
        appendName(path, member.getKey());
        Optional<String> inValue = firstProblem(member.getValue(), path);
        path.setLength(end);
        if (inValue.isPresent()) {
          return inValue;
        }
      }
    } else if (node.isArray()) {
      for (int index = 0; index < node.size(); index++) {
        PathType.JSON_PATH.append(path, index);
        Optional<String> inElement = firstProblem(node.get(index), path);
        path.setLength(end);
        if (inElement.isPresent()) {
          return inElement;
        }
      }
    }
    return Optional.empty();
  }

  private static void appendName(StringBuilder path, String name) {
    if (name.isEmpty()) {
      // The JSON path form cannot write an empty name; the validator's errors write it so too.
      path.append("['']");
    } else {
      PathType.JSON_PATH.append(path, name);
    }
  }

  private static String hex(char c) {
    return String.format(Locale.ROOT, "%04X", (int) c);
  }
}
