package org.addrservice.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.LogfmtLine;
import org.addrservice.testing.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar on the shipped {@code config.yml}: the canonical lines land in both the brief
 * console and the detailed log file, and the {@code log-level} admin task changes what is logged
 * while the service runs.
 */
class RequestLogIT {

  /** The detailed file format of config.yml: level, time, thread, logger, MDC id, message. */
  private static final Pattern FILE_LINE =
      Pattern.compile("(INFO|WARN|ERROR) +\\[[^]]+] \\[[^]]+] (\\S+) req_id=(\\S+): (.*)");

  /** The brief console format of config.yml: level, time, short logger name, message. */
  private static final Pattern CONSOLE_LINE =
      Pattern.compile("(INFO|WARN|ERROR) +\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (\\S+): (.*)");

  @TempDir static Path dir;

  private static ServiceProcess service;
  private static Path console;
  private static Path logFile;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    console = ServiceProcess.logFile("request-log-console");
    Files.deleteIfExists(console);
    logFile = dir.resolve("logs").resolve("addrservice.log");
    service =
        ServiceProcess.start(
            Path.of("config.yml"),
            console,
            "dw.store.file=" + dir.resolve("addressbook.db"),
            "dw.logging.appenders[1].currentLogFilename=" + logFile,
            "dw.logging.appenders[1].archivedLogFilenamePattern="
                + dir.resolve("logs").resolve("addrservice-%i.log.gz"));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void eachRequestIsOneLineInTheFileAndOnTheConsole() throws Exception {
    String created = idOf(send("POST", "/addresses", Fixtures.text("entries/full.json")));
    String missing = idOf(send("GET", "/addresses/nobody", null));

    assertThat(theOnlyFileLine(created))
        .containsEntry("method", "POST")
        .containsEntry("status", "201")
        .doesNotContainKey("reason");
    assertThat(theOnlyFileLine(missing))
        .containsEntry("status", "404")
        .containsEntry("reason", "Address entry not found");
    assertThat(consoleLinesOf(created)).singleElement().satisfies(l -> assertLevel(l, "INFO"));
    assertThat(consoleLinesOf(missing)).singleElement().satisfies(l -> assertLevel(l, "WARN"));
  }

  @Test
  void theLogLevelTaskChangesWhatIsLoggedAtRunTime() throws Exception {
    setLevel("WARN");
    try {
      String quiet = idOf(send("GET", "/addresses", null));
      String failed = idOf(send("GET", "/addresses/nobody", null));
      theOnlyFileLine(failed);
      assertThat(fileLinesOf(quiet)).isEmpty();
    } finally {
      setLevel("INFO");
    }
    String heardAgain = idOf(send("GET", "/addresses", null));
    assertThat(theOnlyFileLine(heardAgain)).containsEntry("status", "200");
  }

  private void setLevel(String level) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(service.adminUri("/tasks/log-level"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "logger=" + CanonicalRequestLog.LOGGER_NAME + "&level=" + level))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
  }

  private static void assertLevel(Matcher consoleLine, String level) {
    assertThat(consoleLine.group(1)).isEqualTo(level);
    assertThat(consoleLine.group(2)).isEqualTo("requests");
  }

  private Map<String, String> theOnlyFileLine(String id) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !fileLinesOf(id).isEmpty());
    List<Matcher> lines = fileLinesOf(id);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).group(3)).isEqualTo(id);
    return LogfmtLine.parse(lines.get(0).group(4));
  }

  private static List<Matcher> fileLinesOf(String id) {
    return linesOf(logFile, FILE_LINE).stream()
        .filter(m -> m.group(2).equals(CanonicalRequestLog.LOGGER_NAME))
        .filter(m -> id.equals(LogfmtLine.parse(m.group(4)).get("req_id")))
        .toList();
  }

  private static List<Matcher> consoleLinesOf(String id) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.readString(console).contains("req_id=\"" + id + "\""));
    return linesOf(console, CONSOLE_LINE).stream()
        .filter(m -> m.group(3).startsWith("req_id=\"" + id + "\""))
        .toList();
  }

  private static List<Matcher> linesOf(Path file, Pattern format) {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      return Files.readAllLines(file).stream()
          .map(format::matcher)
          .filter(Matcher::matches)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    URI uri = service.uri(path);
    return http.send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String idOf(HttpResponse<String> answer) {
    return answer.headers().firstValue(RequestContext.HEADER).orElseThrow();
  }
}
