package org.addrservice.resources;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.addrservice.core.model.EntryId;

/**
 * The {@code after} cursor of a page: the last id of the previous page, base64url-encoded so that
 * clients treat it as opaque and the service stays free to change what it holds.
 */
final class PageCursor {

  private PageCursor() {}

  static String encode(String lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
  }

  /** The id {@code cursor} holds; empty when it is not one this service could have issued. */
  static Optional<String> decode(String cursor) {
    String id;
    try {
      id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    return EntryId.isWellFormed(id) ? Optional.of(id) : Optional.empty();
  }
}
