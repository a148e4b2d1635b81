package org.addrservice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
