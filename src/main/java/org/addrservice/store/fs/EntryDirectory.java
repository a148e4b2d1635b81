package org.addrservice.store.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.StoreException;

/**
 * The entry files of a store's directory, {@code <id>.json}: which file holds an id, what a file
 * holds, and which ids have a file, in order.
 */
final class EntryDirectory {

  private static final String ENTRY_SUFFIX = ".json";

  private final Path directory;
  private final DurableFiles files;

  EntryDirectory(Path directory, DurableFiles files) {
    this.directory = directory;
    this.files = files;
  }

  /** The file of {@code id}; empty when the id is not well formed, so names no entry. */
  Optional<Path> fileOf(String id) {
    if (!EntryId.isWellFormed(id)) {
      return Optional.empty();
    }
    Path file = directory.resolve(id + ENTRY_SUFFIX);
    // Well-formed ids hold no separator or dot-dot, so this only guards against a future change
    // of the id rule letting a path escape the directory.
    if (!directory.equals(file.getParent())) {
      return Optional.empty();
    }
    return Optional.of(file);
  }

  /** The content of {@code file}; empty when there is no such file. */
  Optional<byte[]> read(Path file) {
    return files.read(file);
  }

  /** The content of the file of a listed {@code id}; empty when it was deleted since. */
  Optional<byte[]> readListed(String id) {
    return fileOf(id).filter(Files::isRegularFile).flatMap(this::read);
  }

  /**
   * The first {@code max} ids of the entry files in the directory that come after {@code after}
   * (all when null), in order.
   */
  NavigableSet<String> idsAfter(String after, int max) {
    NavigableSet<String> ids = new TreeSet<>();
    try (DirectoryStream<Path> entryFiles =
        Files.newDirectoryStream(directory, "*" + ENTRY_SUFFIX)) {
      for (Path file : entryFiles) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ENTRY_SUFFIX.length());
        if (EntryId.isWellFormed(id)
            && (after == null || id.compareTo(after) > 0)
            && (ids.size() < max || id.compareTo(ids.last()) < 0)) {
          ids.add(id);
          if (ids.size() > max) {
            ids.pollLast();
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot list the store directory " + directory, e);
    }
    return ids;
  }

  /** Reads the content of the file of {@code id}, naming the file in messages. */
  static VersionedEntry parse(byte[] bytes, String id) {
    return EntryFiles.fromBytes(bytes, id + ENTRY_SUFFIX);
  }
}
