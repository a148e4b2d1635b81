package org.addrservice.auth;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.addrservice.util.Sha256;

/**
 * Finds the configured key a client presented. The presented key is hashed and compared with every
 * configured hash in constant time, without stopping at a match, so that the time an answer takes
 * tells nothing about how close a guess was or which key matched.
 */
public final class ApiKeyAuthenticator {

  private static final class Known {
    private final byte[] sha256;
    private final ApiKey key;

    Known(byte[] sha256, ApiKey key) {
      this.sha256 = sha256;
      this.key = key;
    }
  }

  private final List<Known> keys;

  public ApiKeyAuthenticator(List<KeyHash> hashes) {
    this.keys =
        hashes.stream()
            .map(
                hash ->
                    new Known(
                        HexFormat.of().parseHex(hash.sha256()),
                        new ApiKey(hash.name(), hash.role())))
            .toList();
  }

  public Optional<ApiKey> authenticate(String presented) {
    byte[] sha256 = Sha256.digest(presented);
    ApiKey found = null;
    for (Known known : keys) {
      if (MessageDigest.isEqual(known.sha256, sha256)) {
        found = known.key;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The lower-case hex SHA-256 of {@code key}'s UTF-8 bytes: what {@code auth.keys} holds. */
  public static String sha256Hex(String key) {
    return Sha256.hex(key);
  }
}
