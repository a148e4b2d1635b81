package org.addrservice.util;

import java.io.IOException;

/** I/O failures in words for one-line messages. */
public final class IoFailures {

  private IoFailures() {}

  /**
   * The failure's kind and message, such as {@code AccessDenied: /srv/export.jsonl}: the class name
   * alone says what went wrong for the file-system exceptions, whose message is only the path.
   */
  public static String describe(IOException e) {
    String reason = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? reason : reason + ": " + e.getMessage();
  }
}
