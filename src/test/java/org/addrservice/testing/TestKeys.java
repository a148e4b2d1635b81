package org.addrservice.testing;

/**
 * The API keys whose hashes the test configurations list (fixtures/config/auth*.yml, and the ops
 * configurations once a test sets their hash variables).
 */
public final class TestKeys {

  public static final String WRITER = "test-writer-key";
  public static final String WRITER_SHA256 =
      "61fb44fd7a10316d790cd0fe37044ed02bf2df77f3a0fec7789b72fb452da6ac";

  public static final String READER = "test-reader-key";
  public static final String READER_SHA256 =
      "c84e0916ac2bc43a1821afb14a4daac8ecc1d16aa4f6bbb47e998f557074058b";

  private TestKeys() {}

  /** The value of the {@code Authorization} header that presents {@code key}. */
  public static String bearer(String key) {
    return "Bearer " + key;
  }
}
