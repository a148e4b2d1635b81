package org.addrservice.logging;

/**
 * One logfmt line, built field by field. Text values are always quoted, and every character that
 * could end the line, end the value or fake another field is escaped, so whatever a client puts in
 * a URI or a header stays inside its own value.
 */
public final class Logfmt {

  private final StringBuilder line = new StringBuilder(256);

  /** Adds {@code key="value"}; a null value is left out. */
  public Logfmt text(String key, String value) {
    if (value == null) {
      return this;
    }
    separate().append(key).append("=\"");
    escapeInto(value, line);
    line.append('"');
    return this;
  }

  /** Adds {@code key=value} for a number, unquoted. */
  public Logfmt number(String key, long value) {
    separate().append(key).append('=').append(value);
    return this;
  }

  /** Adds {@code key=value} for a duration in milliseconds, with microsecond precision. */
  public Logfmt millis(String key, long nanos) {
    separate().append(key).append('=').append(nanos / 1_000_000).append('.');
    String micros = Long.toString(nanos / 1_000 % 1_000);
    line.append("000", 0, 3 - micros.length()).append(micros);
    return this;
  }

  @Override
  public String toString() {
    return line.toString();
  }

  private StringBuilder separate() {
    if (line.length() > 0) {
      line.append(' ');
    }
    return line;
  }

  static void escapeInto(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (needsUnicodeEscape(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  /** Control characters, and the characters some log viewers take for the end of a line. */
  private static boolean needsUnicodeEscape(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }
}
