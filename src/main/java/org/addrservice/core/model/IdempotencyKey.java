package org.addrservice.core.model;

/**
 * A key that makes a create safe to retry: 1 to {@value #MAX_LENGTH} visible ASCII characters
 * ({@code !} to {@code ~}). Anything else is refused rather than trimmed or truncated, so two
 * different keys can never be taken for the same one.
 */
public record IdempotencyKey(String value) {

  public static final int MAX_LENGTH = 255;

  /**
   * @throws IllegalArgumentException when {@code value} is not {@linkplain #isWellFormed well
   *     formed}: whoever reads keys from clients refuses those first
   */
  public IdempotencyKey {
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException("not a well-formed idempotency key");
    }
  }

  public static boolean isWellFormed(String key) {
    return key != null
        && !key.isEmpty()
        && key.length() <= MAX_LENGTH
        && key.chars().allMatch(c -> c >= '!' && c <= '~');
  }
}
