package org.addrservice.resources;

import jakarta.ws.rs.core.EntityTag;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
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

  /**
   * Whether {@code If-None-Match} (null when absent) names {@code version}, so that a read answers
   * 304. It compares weakly, as RFC 9110 says; a header that is not a list of entity tags names
   * nothing.
   */
  static boolean noneMatch(String header, long version) {
    if (header == null || header.isBlank()) {
      return false;
    }
    if (header.strip().equals("*")) {
      return true;
    }
    Set<String> opaque = new HashSet<>();
    return readList(header, (weak, tag) -> opaque.add(tag))
        && opaque.contains(Long.toString(version));
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
    boolean wellFormed =
        readList(
            header,
            (weak, tag) -> {
              // If-Match compares strongly: a weak tag never matches.
              if (!weak && VERSION.matcher(tag).matches()) {
                versions.add(Long.parseLong(tag));
              }
            });
    // A header that is not a list of entity tags names no version of ours.
    return Precondition.oneOf(wellFormed ? versions : Set.of());
  }

  /**
   * Hands each entity tag of a comma-separated list to {@code each}, with whether it is weak, and
   * answers whether the whole header was such a list.
   */
  private static boolean readList(String header, BiConsumer<Boolean, String> each) {
    Matcher element = ELEMENT.matcher(header);
    int position = 0;
    while (position < header.length() && element.find(position) && element.start() == position) {
      each.accept(element.group(1) != null, element.group(2));
      position = element.end();
    }
    return position == header.length();
  }
}
