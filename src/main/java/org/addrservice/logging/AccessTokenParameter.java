package org.addrservice.logging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The {@code access_token} query parameter, where OAuth clients (and Dropwizard's bearer filter)
 * carry a key. The service never accepts a key there, but a client that tried must not leave it in
 * a log line or an error body. A parameter counts as {@code access_token} however its name is
 * spelled once decoded: {@code %XX} escapes and {@code +} decoded, letters of any case, {@code &}
 * or {@code ;} before it, so that no spelling a framework would read as that name slips through.
 */
public final class AccessTokenParameter {

  private static final String NAME = "access_token";

  private static final String BLANK = "***";

  private AccessTokenParameter() {}

  /** Whether the raw (still percent-encoded) {@code query} has an access_token parameter. */
  public static boolean isIn(String query) {
    if (query == null) {
      return false;
    }
    int start = 0;
    while (start <= query.length()) {
      int end = endOfParameter(query, start);
      if (isTheName(query.substring(start, endOfName(query, start, end)))) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /**
   * {@code pathQuery} (a raw path and query) with the value of every access_token parameter
   * replaced by {@value #BLANK}; everything else as it was sent.
   */
  public static String blanked(String pathQuery) {
    if (pathQuery == null) {
      return null;
    }
    int question = pathQuery.indexOf('?');
    if (question < 0) {
      return pathQuery;
    }
    StringBuilder out = new StringBuilder(pathQuery.length()).append(pathQuery, 0, question + 1);
    int start = question + 1;
    while (start <= pathQuery.length()) {
      int end = endOfParameter(pathQuery, start);
      int equals = endOfName(pathQuery, start, end);
      if (equals < end && isTheName(pathQuery.substring(start, equals))) {
        out.append(pathQuery, start, equals + 1).append(BLANK);
      } else {
        out.append(pathQuery, start, end);
      }
      if (end < pathQuery.length()) {
        out.append(pathQuery.charAt(end));
      }
      start = end + 1;
    }
    return out.toString();
  }

  private static int endOfParameter(String text, int start) {
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '&' || c == ';') {
        return i;
      }
    }
    return text.length();
  }

  /**
   * Where the name of the parameter from {@code start} to {@code end} ends: at its first {@code =},
   * or at its end. Looking no further than the parameter keeps a query of many parameters linear.
   */
  private static int endOfName(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == '=') {
        return i;
      }
    }
    return end;
  }

  private static boolean isTheName(String rawName) {
    return NAME.equalsIgnoreCase(decoded(rawName));
  }

  /** Percent-decodes as a form does; a {@code %} that starts no escape stays as it is. */
  private static String decoded(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && isEscape(raw, i)) {
        bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isEscape(String raw, int percent) {
    return percent + 2 < raw.length()
        && HexFormat.isHexDigit(raw.charAt(percent + 1))
        && HexFormat.isHexDigit(raw.charAt(percent + 2));
  }
}
