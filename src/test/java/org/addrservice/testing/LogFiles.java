package org.addrservice.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Log files that tests have the service write, so that they can read its real output. */
public final class LogFiles {

  private LogFiles() {}

  /**
   * {@code target/<directory>/service.log}, its directory created and any file of an earlier run
   * deleted.
   */
  public static Path fresh(String directory) {
    try {
      Path dir = Files.createDirectories(Path.of("target", directory));
      Path file = dir.resolve("service.log");
      Files.deleteIfExists(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The fields of the canonical log line in {@code log} of the API request with this id, once it
   * has been written (at most 10 s); there must be exactly one.
   */
  public static Map<String, String> requestLine(Path log, String id) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> requestLines(log, id), lines -> lines.size() == 1)
        .get(0);
  }

  private static List<Map<String, String>> requestLines(Path log, String id) {
    try {
      return Files.readAllLines(log).stream()
          .filter(line -> line.contains(" org.addrservice.requests | "))
          .map(line -> LogfmtLine.parse(line.substring(line.indexOf(" | ") + 3)))
          .filter(fields -> id.equals(fields.get("req_id")))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
