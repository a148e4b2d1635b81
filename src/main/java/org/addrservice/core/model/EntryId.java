package org.addrservice.core.model;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules for entry ids. New ids are random UUIDs written as 32 lower-case hex characters; an id
 * that does not match {@code [A-Za-z0-9-]+} (or is longer than {@value #MAX_LENGTH} characters)
 * names no entry, so it never reaches a store as a file name or a query fragment.
 */
public final class EntryId {

  /**
   * Longer than any id this service generates or imports; keeps ids well under file-name limits.
   */
  public static final int MAX_LENGTH = 128;

  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9-]+");

  private EntryId() {}

  public static String generate() {
    UUID uuid = UUID.randomUUID();
    return hex16(uuid.getMostSignificantBits()) + hex16(uuid.getLeastSignificantBits());
  }

  public static boolean isWellFormed(String id) {
    return id != null
        && !id.isEmpty()
        && id.length() <= MAX_LENGTH
        && WELL_FORMED.matcher(id).matches();
  }

  private static String hex16(long bits) {
    String hex = Long.toHexString(bits);
    return "0".repeat(16 - hex.length()) + hex;
  }
}
