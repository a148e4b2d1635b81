package org.addrservice.core.model;

/**
 * The rules for idempotency keys: 1 to {@value #MAX_LENGTH} visible ASCII characters ({@code !} to
 * {@code ~}). Anything else is refused rather than trimmed or truncated, so two different keys can
 * never be taken for the same one.
 */
public final class IdempotencyKey {

  public static final int MAX_LENGTH = 255;

  private IdempotencyKey() {}

  public static boolean isWellFormed(String key) {
    return key != null
        && !key.isEmpty()
        && key.length() <= MAX_LENGTH
        && key.chars().allMatch(c -> c >= '!' && c <= '~');
  }
}
