package org.addrservice.store;

import io.dropwizard.util.DataSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.addrservice.core.port.StoreException;

/**
 * The usable space that the file system holding a store's files must keep ({@code
 * store.minFreeSpace}). Below it, writes are about to fail, or already do, while reads still work:
 * the store's health check says so, and readiness follows, before clients find out one 503 at a
 * time.
 */
public final class FreeSpace {

  /** Room for a few hundred of the largest writes, and for SQLite to grow its write-ahead log. */
  public static final DataSize DEFAULT_MINIMUM = DataSize.mebibytes(16);

  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private final Path path;
  private final long minimum;

  /**
   * @param path a file or directory on the file system to watch
   * @param minimum the fewest usable bytes it must have
   */
  public FreeSpace(Path path, DataSize minimum) {
    this.path = path.toAbsolutePath().normalize();
    this.minimum = minimum.toBytes();
  }

  /**
   * The bytes usable on the file system now.
   *
   * @throws StoreException when they are fewer than the minimum, or cannot be told
   */
  public long require() {
    long usable;
    try {
      usable = Files.getFileStore(path).getUsableSpace();
    } catch (IOException e) {
      throw new StoreException("cannot tell the usable space of the file system of " + path, e);
    }
    if (usable < minimum) {
      throw new StoreException(
          "only "
              + describe(usable)
              + " usable on the file system of "
              + path
              + ", less than store.minFreeSpace ("
              + describe(minimum)
              + ")");
    }
    return usable;
  }

  /** {@code bytes} for people: {@code 512 bytes}, {@code 3.9 KiB}, {@code 16.0 MiB}. */
  public static String describe(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    double size = bytes;
    int unit = -1;
    while (size >= 1024 && unit < UNITS.length - 1) {
      size /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", size, UNITS[unit]);
  }
}
