package org.addrservice.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.util.UUID;

/**
 * Replaces a file's content atomically and durably: the bytes go to a temporary file beside it,
 * which is forced to disk and renamed over the file, and then the directory is forced so that the
 * rename survives a crash. A reader sees the old content or the new, never part of it; a crash
 * leaves at most a temporary file, which {@link #deleteTemporaryFiles} removes.
 */
public final class DurableFile {

  private static final String TEMP_SUFFIX = ".tmp";

  private DurableFile() {}

  /**
   * Makes {@code bytes} the content of {@code file}, durably, as a new file made with {@code
   * attributes} (its permissions, say).
   *
   * @throws IOException when it failed; {@code file} then holds its old content, or the new one if
   *     only forcing the directory failed
   */
  public static void write(Path file, byte[] bytes, FileAttribute<?>... attributes)
      throws IOException {
    moveIntoPlace(file, bytes, attributes);
    forceDirectory(file.getParent());
  }

  /**
   * Writes {@code bytes} to a temporary file beside {@code file}, forces it to disk and renames it
   * over {@code file}; the new file is made with {@code attributes}. The rename is atomic but not
   * yet durable: the caller forces the directory.
   *
   * @throws IOException when it failed; {@code file} is then as it was and the temporary file gone
   */
  public static void moveIntoPlace(Path file, byte[] bytes, FileAttribute<?>... attributes)
      throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + "." + randomName() + TEMP_SUFFIX);
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp, e);
      throw e;
    }
  }

  /** Forces {@code directory} to disk, making the renames and deletes done in it durable. */
  public static void forceDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** A name for a file in {@code directory} of the kind {@link #deleteTemporaryFiles} removes. */
  public static Path temporaryFile(Path directory, String prefix) {
    return directory.resolve("." + prefix + "-" + randomName() + TEMP_SUFFIX);
  }

  /** Deletes the temporary files a crash during a write left in {@code directory}. */
  public static void deleteTemporaryFiles(Path directory) throws IOException {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, ".*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static String randomName() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static void deleteQuietly(Path temp, IOException failure) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // The failure that matters is the write's; a stray temporary file is removed later.
      failure.addSuppressed(e);
    }
  }
}
