package org.addrservice.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of one logfmt line: {@code key=value} pairs separated by single spaces, values
 * bare or double-quoted with backslash escapes. Anything else is an error, so a test that reads a
 * log through it notices a forged field or a broken line.
 */
public final class LogfmtLine {

  private LogfmtLine() {}

  /** The fields of {@code line}, in order; throws when it is not strict logfmt. */
  public static Map<String, String> parse(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    int i = 0;
    while (i < line.length()) {
      int equals = line.indexOf('=', i);
      if (equals <= i) {
        throw new IllegalArgumentException("no key at " + i + ": " + line);
      }
      String key = line.substring(i, equals);
      if (!key.matches("[a-z_]+")) {
        throw new IllegalArgumentException("bad key '" + key + "': " + line);
      }
      StringBuilder value = new StringBuilder();
      i = equals + 1;
      if (i < line.length() && line.charAt(i) == '"') {
        i = readQuoted(line, i + 1, value);
      } else {
        while (i < line.length() && line.charAt(i) != ' ') {
          char c = line.charAt(i++);
          if (c == '"' || c == '=' || c < 0x20) {
            throw new IllegalArgumentException("bad bare value for " + key + ": " + line);
          }
          value.append(c);
        }
      }
      if (fields.put(key, value.toString()) != null) {
        throw new IllegalArgumentException("field " + key + " twice: " + line);
      }
      if (i < line.length()) {
        if (line.charAt(i) != ' ' || i + 1 == line.length()) {
          throw new IllegalArgumentException("expected one space at " + i + ": " + line);
        }
        i++;
      }
    }
    return fields;
  }

  private static int readQuoted(String line, int start, StringBuilder value) {
    int i = start;
    while (i < line.length()) {
      char c = line.charAt(i++);
      if (c == '"') {
        return i;
      }
      if (c < 0x20) {
        throw new IllegalArgumentException("raw control character in a value: " + line);
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escaped = line.charAt(i++);
      switch (escaped) {
        case '"', '\\' -> value.append(escaped);
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> {
          value.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException("bad escape \\" + escaped + ": " + line);
      }
    }
    throw new IllegalArgumentException("unterminated value: " + line);
  }
}
