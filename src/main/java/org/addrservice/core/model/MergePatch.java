package org.addrservice.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7396): an object in the patch merges into the target member by member, a
 * {@code null} member removes that member, and anything else replaces the target's value. The
 * target is never changed; numbers and strings keep their exact form.
 */
public final class MergePatch {

  private MergePatch() {}

  /** The result of applying {@code patch} to {@code target} (which may be null: nothing). */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
      }
    }
    return result;
  }
}
