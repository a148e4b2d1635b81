package org.addrservice.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.nio.charset.StandardCharsets;
import org.addrservice.util.Sha256;

/**
 * The SHA-256 of an entry's canonical JSON (members sorted by name, no white space), as 64 hex
 * characters.
 *
 * <p>It is taken of the parsed entry rather than of the raw body so that a client that
 * re-serialises its retry (other white space, other member order) is still recognised as sending
 * the same body. Numbers keep their exact form ({@code 1.50} is not {@code 1.5}), as they do in the
 * store: two bodies have the same fingerprint exactly when they would store the same entry.
 */
public final class EntryFingerprint {

  private static final ObjectWriter CANONICAL =
      ExactJson.WRITER.with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

  private EntryFingerprint() {}

  public static String of(AddressEntry entry) {
    byte[] canonical;
    try {
      canonical = CANONICAL.writeValueAsString(entry.toJson()).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an entry always serialises", e);
    }
    return Sha256.hex(canonical);
  }
}
