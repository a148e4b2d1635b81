package org.addrservice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a given size, mounted by the test on a fresh temporary directory, that the test can
 * fill to the last page and free again: a real full disk. Mounting needs root, which CI has; a
 * mount that fails throws, so that the test fails rather than skips.
 */
public final class SmallFileSystem implements AutoCloseable {

  /** The unit in which tmpfs hands out space. */
  public static final int PAGE = 4096;

  private final Path root;
  private final Path filler;

  private SmallFileSystem(Path root) {
    this.root = root;
    this.filler = root.resolve("filler");
  }

  /** Mounts a tmpfs of {@code bytes} on a new temporary directory. */
  public static SmallFileSystem mount(long bytes) {
    Path root;
    try {
      root = Files.createTempDirectory("addrservice-small-fs");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", root.toString());
    return new SmallFileSystem(root);
  }

  public Path root() {
    return root;
  }

  /** The bytes usable on the file system now. */
  public long usable() {
    try {
      return Files.getFileStore(root).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills the file system with a file of its own until only {@code pages} pages are free. */
  public void fillLeaving(int pages) {
    long fill = usable() - (long) pages * PAGE;
    try (FileChannel channel =
        FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      ByteBuffer page = ByteBuffer.allocate(PAGE);
      for (long written = 0; written < fill; written += PAGE) {
        page.clear();
        while (page.hasRemaining()) {
          channel.write(page);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (usable() != (long) pages * PAGE) {
      throw new IllegalStateException(
          "filled " + root + " to " + usable() + " usable bytes, not " + pages + " pages");
    }
  }

  /** Deletes what {@link #fillLeaving} wrote. */
  public void free() {
    try {
      Files.deleteIfExists(filler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unmounts the file system, dropping everything on it, and removes its mount point. */
  @Override
  public void close() {
    run("umount", root.toString());
    try {
      Files.delete(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", List.of(command))
                + " failed (the full-disk tests mount a tmpfs and need root): "
                + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
