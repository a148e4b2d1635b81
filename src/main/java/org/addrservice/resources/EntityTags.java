package org.addrservice.resources;

import jakarta.ws.rs.core.EntityTag;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.addrservice.core.model.Precondition;

/**
 * Entity tags (RFC 9110 §8.8.3) for entries: the strong tag {@code "<version>"}, and the reading of
 * {@code If-Match}. If-Match compares strongly, so a weak tag, or one that is not a version of
 * ours, matches nothing.
 */
final class EntityTags {

  /** One element of an entity-tag list, with the comma or end that follows it. */
  private static final Pattern ELEMENT =
      Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e\\x80-\\xff]*)\"\\s*(?:,|$)");

  private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

  private EntityTags() {}

  static EntityTag of(long version) {
    return new EntityTag(Long.toString(version));
  }

  /** What {@code If-Match} (null when absent) says about the version a write may change. */
  static Precondition ifMatch(String header) {
    if (header == null || header.isBlank()) {
      return Precondition.NONE;
    }
    if (header.strip().equals("*")) {
      return Precondition.ANY;
    }
    Set<Long> versions = new HashSet<>();
    Matcher element = ELEMENT.matcher(header);
    int position = 0;
    while (position < header.length() && element.find(position) && element.start() == position) {
      if (element.group(1) == null && VERSION.matcher(element.group(2)).matches()) {
        versions.add(Long.parseLong(element.group(2)));
      }
      position = element.end();
    }
    if (position < header.length()) {
      // Not a list of entity tags at all: it names no version of ours.
      return Precondition.oneOf(Set.of());
    }
    return Precondition.oneOf(versions);
  }
}
