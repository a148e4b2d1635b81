package org.addrservice.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.addrservice.core.EntryValidator;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.RawHttp;

/**
 * What every abuse case checks, whatever it sent: the answer is not a 5xx (but for the deliberate
 * 503 of an overload), an error is the JSON error body, nothing in it betrays the implementation or
 * a file outside the store, and every row of the store is a valid entry.
 */
final class Abuse {

  /** Text that only a stack trace, a server banner or a file outside the store would put there. */
  private static final List<String> LEAKS =
      List.of(
          "\tat ",
          "Exception",
          ".java:",
          "root:x:",
          "root:*:",
          "applicationConnectors",
          "SQLite format",
          "SQLITE_",
          "jdbc:",
          "org.eclipse",
          "org.glassfish",
          "org.addrservice",
          "<html");

  private static final EntryValidator VALIDATOR = new EntryValidator();

  private Abuse() {}

  /** Sends {@code method target} with {@code headers} and {@code body} over a plain socket. */
  static RawHttp.Answer send(
      int port, String method, String target, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      bytes.writeBytes(body);
    }
    return RawHttp.send(port, bytes.toByteArray());
  }

  static RawHttp.Answer get(int port, String target) {
    return send(port, "GET", target, Map.of(), null);
  }

  static RawHttp.Answer post(int port, byte[] body) {
    return send(port, "POST", "/addresses", Map.of("Content-Type", "application/json"), body);
  }

  /** A refusal: a 4xx, as the JSON error body, betraying nothing. */
  static void assertRefused(RawHttp.Answer answer, int... allowedStatuses) {
    assertThat(answer.status())
        .as(shown(answer))
        .isIn(Arrays.stream(allowedStatuses).boxed().toList());
    assertErrorBody(answer);
  }

  /** The JSON error body of SPEC §3, with nothing in it that it should not hold. */
  static void assertErrorBody(RawHttp.Answer answer) {
    assertThat(answer.headers().get("content-type"))
        .as(shown(answer))
        .startsWith("application/json");
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("code").asInt()).as(shown(answer)).isEqualTo(answer.status());
    assertThat(body.get("message").isTextual()).as(shown(answer)).isTrue();
    assertThat(body.get("errors").isArray()).as(shown(answer)).isTrue();
    assertThat(body.get("req_id").isTextual()).as(shown(answer)).isTrue();
    assertNothingLeaks(answer);
  }

  static void assertNothingLeaks(RawHttp.Answer answer) {
    assertThat(answer.body()).as(shown(answer)).doesNotContain(LEAKS);
    assertThat(answer.headers()).as(shown(answer)).doesNotContainKey("server");
    assertThat(answer.headers().values().toString()).doesNotContain(LEAKS);
  }

  /** Every row of the SQLite file {@code database}: id to document. */
  static Map<String, JsonNode> rows(Path database) {
    Map<String, JsonNode> rows = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement select = connection.createStatement();
        ResultSet row = select.executeQuery("SELECT id, document FROM address_entries")) {
      while (row.next()) {
        rows.put(row.getString(1), Fixtures.exactJson(row.getString(2)));
      }
    } catch (SQLException e) {
      throw new AssertionError("the address_entries table cannot be read", e);
    }
    return rows;
  }

  /** Every row of the store has a server-made id and an entry the schema accepts. */
  static void assertEveryStoredEntryIsValid(Path database) {
    rows(database)
        .forEach(
            (id, document) -> {
              assertThat(id).matches("[0-9a-f]{32}");
              assertThat(VALIDATOR.violations(document)).as(id + ": " + document).isEmpty();
            });
  }

  static String shown(RawHttp.Answer answer) {
    String body = answer.body();
    return answer.status()
        + " "
        + answer.headers()
        + " "
        + (body.length() <= 500 ? body : body.substring(0, 500) + "...");
  }
}
