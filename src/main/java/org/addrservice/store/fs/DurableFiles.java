package org.addrservice.store.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.addrservice.core.port.StoreException;
import org.addrservice.util.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, writes and deletes the files of a store's directory, writing so that each change is atomic
 * and, once a call returns, durable: a file is written to a temporary file beside it, forced to
 * disk and renamed over it, and the directory is forced too (see {@link DurableFile}). A crash at
 * any moment leaves the old or the new file, never a torn one; {@link #removeLeftovers} removes the
 * temporary files a crash left.
 *
 * <p>A change that fails is undone before the failure is reported, so that a request answered with
 * an error has changed nothing: a write whose rename could not be made durable is taken back, and a
 * replace or delete puts the previous content back. Undoing never needs more disk space than the
 * change it undoes freed, so it works on a full disk too.
 */
final class DurableFiles {

  private static final Logger LOG = LoggerFactory.getLogger(DurableFiles.class);

  /** Makes the renames and deletes done in a directory durable. */
  @FunctionalInterface
  interface DirectorySync {
    void force(Path directory) throws IOException;
  }

  /** The directory sync of every store: fsync of the directory. */
  static final DirectorySync FSYNC = DurableFile::forceDirectory;

  private final Path directory;
  private final DirectorySync sync;

  /**
   * @param directory the store's directory; files live in it or in its subdirectories
   */
  DurableFiles(Path directory, DirectorySync sync) {
    this.directory = directory;
    this.sync = sync;
  }

  /**
   * Makes {@code bytes} the content of {@code file}, creating its directory when absent. When it
   * throws, {@code file} holds what it held before or, if the new content was in place but could
   * not be made durable, nothing: fit for a file that did not exist, or whose old content may be
   * lost.
   *
   * @throws StoreException when the file cannot be written
   */
  void write(Path file, byte[] bytes) {
    IOException unsynced = moveIntoPlace(file, bytes);
    if (unsynced != null) {
      StoreException failure = cannotMakeDurable("write", file, unsynced);
      try {
        Files.deleteIfExists(file);
      } catch (IOException undo) {
        failure.addSuppressed(undo);
        LOG.error("could not take back the write of {}", file, failure);
      }
      throw failure;
    }
  }

  /**
   * Replaces {@code previous}, the content of {@code file}, with {@code bytes}. When it throws,
   * {@code file} holds {@code previous}.
   *
   * @throws StoreException when the file cannot be written
   */
  void replace(Path file, byte[] bytes, byte[] previous) {
    IOException unsynced = moveIntoPlace(file, bytes);
    if (unsynced != null) {
      StoreException failure = cannotMakeDurable("write", file, unsynced);
      putBack(file, previous, failure);
      throw failure;
    }
  }

  /**
   * Deletes {@code file}, whose content is {@code previous}, and answers whether there was one.
   * When it throws, {@code file} holds {@code previous}.
   *
   * @throws StoreException when the file cannot be deleted
   */
  boolean delete(Path file, byte[] previous) {
    if (!unlink(file)) {
      return false;
    }
    try {
      sync.force(file.getParent());
    } catch (IOException e) {
      StoreException failure = cannotMakeDurable("delete", file, e);
      putBack(file, previous, failure);
      throw failure;
    }
    return true;
  }

  /**
   * Deletes {@code file}, when there is one, as durably as the file system lets it: a file whose
   * deletion may be lost (an expired key, a write being taken back) needs no more.
   *
   * @throws StoreException when the file cannot be deleted
   */
  void remove(Path file) {
    if (unlink(file)) {
      try {
        sync.force(file.getParent());
      } catch (IOException e) {
        LOG.warn("the deletion of {} may not be durable", file, e);
      }
    }
  }

  private boolean unlink(Path file) {
    try {
      if (Files.deleteIfExists(file)) {
        return true;
      }
    } catch (IOException e) {
      throw new StoreException("cannot delete " + file.getFileName(), e);
    }
    requireDirectory();
    return false;
  }

  /**
   * Writes {@code bytes} to a temporary file beside {@code file} and renames it over it. Answers
   * null once all of it is durable, or the failure to force the directory after the rename, which
   * leaves the new content in place but perhaps not on disk.
   *
   * @throws StoreException when it failed before the rename, leaving {@code file} as it was
   */
  private IOException moveIntoPlace(Path file, byte[] bytes) {
    Path parent = file.getParent();
    try {
      if (!Files.isDirectory(parent)) {
        requireDirectory();
        Files.createDirectories(parent);
        sync.force(directory);
      }
      DurableFile.moveIntoPlace(file, bytes);
    } catch (IOException e) {
      throw new StoreException("cannot write " + file.getFileName(), e);
    }
    try {
      sync.force(parent);
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  /** Puts {@code previous} back as the content of {@code file} after {@code failure}. */
  private void putBack(Path file, byte[] previous, StoreException failure) {
    try {
      IOException unsynced = moveIntoPlace(file, previous);
      if (unsynced != null) {
        // In place, which is what the caller is told, though perhaps not on disk yet.
        failure.addSuppressed(unsynced);
      }
    } catch (StoreException undo) {
      failure.addSuppressed(undo);
      LOG.error("could not put back the previous content of {}", file, failure);
    }
  }

  private static StoreException cannotMakeDurable(String change, Path file, IOException cause) {
    return new StoreException(
        "cannot make the " + change + " of " + file.getFileName() + " durable", cause);
  }

  /**
   * The content of {@code file}, a file of the store's directory; empty when there is no such file.
   *
   * @throws StoreException when the file cannot be read, or the store's directory is gone
   */
  Optional<byte[]> read(Path file) {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      requireDirectory();
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + directory.relativize(file), e);
    }
  }

  /**
   * An entry file that is missing means "no such entry" only while the directory itself is there; a
   * vanished directory (an unmounted volume, say) is an outage, not an empty book.
   *
   * @throws StoreException when the store's directory is gone
   */
  void requireDirectory() {
    if (!Files.isDirectory(directory)) {
      throw new StoreException("the store directory " + directory + " is not a directory");
    }
  }

  /** A name for a probe file in the store's directory, of the kind a restart cleans away. */
  Path probeFile() {
    return DurableFile.temporaryFile(directory, "ping");
  }

  /** Removes the temporary files a crash left in {@code dir}. */
  static void removeLeftovers(Path dir) {
    try {
      DurableFile.deleteTemporaryFiles(dir);
    } catch (IOException e) {
      throw new StoreException("cannot clean the store directory " + dir, e);
    }
  }
}
