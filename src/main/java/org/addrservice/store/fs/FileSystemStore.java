package org.addrservice.store.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.StoreSlice;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.core.port.WriteResult;
import org.addrservice.util.IoFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each entry as one JSON file, {@code <id>.json}, in one directory, with its version (see
 * {@link EntryFiles} and {@link EntryDirectory}), written and deleted through {@link DurableFiles}:
 * atomically, durably, and without a trace when a change fails. Listing and paging are {@link
 * DirectoryPages}.
 *
 * <p>Operations on one id are serialised by a lock stripe, so a replace cannot resurrect an entry
 * that a concurrent delete removed, and a conditional write checks the version it replaces. The
 * store assumes it is the only process writing the directory.
 *
 * <p>Idempotency keys live in {@link IdempotencyKeyFiles}, whose lock of a key is always taken
 * before an id's. The entry is written before its key, and taken back when the key cannot be
 * written, so a create that fails leaves neither. A crash between the two leaves an entry without
 * its key, so a retry stores a second entry, but never a key pointing at an entry that was not
 * written.
 */
public final class FileSystemStore implements AddressBookStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileSystemStore.class);

  private final Path directory;
  private final DurableFiles files;
  private final IdempotencyKeyFiles keys;
  private final EntryDirectory entries;
  private final DirectoryPages pages;
  private final LockStripes locks = new LockStripes();

  private FileSystemStore(Path directory, DurableFiles files) {
    this.directory = directory;
    this.files = files;
    this.keys = new IdempotencyKeyFiles(directory, files);
    this.entries = new EntryDirectory(directory, files);
    this.pages = new DirectoryPages(entries);
  }

  /**
   * Opens the store in {@code directory}, creating it when absent.
   *
   * @throws StoreException when the path is not a directory this process can write to
   */
  public static FileSystemStore open(Path directory) {
    return open(directory, DurableFiles.FSYNC);
  }

  /** As {@link #open(Path)}, making renames and deletes durable with {@code sync}. */
  static FileSystemStore open(Path directory, DurableFiles.DirectorySync sync) {
    Path absolute = directory.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new StoreException("the store directory " + absolute + " is a file, not a directory");
    }
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the store directory " + absolute + " (" + IoFailures.describe(e) + ")", e);
    }
    FileSystemStore store = new FileSystemStore(absolute, new DurableFiles(absolute, sync));
    store.ping();
    DurableFiles.removeLeftovers(absolute);
    store.keys.removeLeftovers();
    return store;
  }

  public Path directory() {
    return directory;
  }

  @Override
  public boolean create(String id, AddressEntry entry) {
    Path file = entries.fileOf(id).orElseThrow(() -> new IllegalArgumentException("malformed id"));
    return underLock(id, () -> createFile(file, EntryFiles.toBytes(new VersionedEntry(entry, 1))));
  }

  /** Writes a new entry file, under its id's lock; false when the id is taken. */
  private boolean createFile(Path file, byte[] bytes) {
    if (Files.exists(file)) {
      return false;
    }
    files.write(file, bytes);
    return true;
  }

  @Override
  public Optional<IdempotencyRecord> createWithKey(
      IdempotencyRecord record, AddressEntry entry, Instant expiredBefore) {
    Path entryFile =
        entries
            .fileOf(record.entryId())
            .orElseThrow(() -> new IllegalArgumentException("malformed id"));
    keys.sweepExpired(expiredBefore);
    byte[] bytes = EntryFiles.toBytes(new VersionedEntry(entry, 1));
    return keys.underLock(
        record.key(),
        () -> {
          Optional<IdempotencyRecord> known =
              keys.find(record.key()).filter(held -> !held.isExpired(expiredBefore));
          if (known.isPresent()) {
            return known;
          }
          if (!underLock(record.entryId(), () -> createFile(entryFile, bytes))) {
            return Optional.empty();
          }
          try {
            keys.write(record);
          } catch (RuntimeException e) {
            takeBack(record.entryId(), entryFile, e);
            throw e;
          }
          return Optional.of(record);
        });
  }

  /** Removes the entry a keyed create wrote before its key failed with {@code failure}. */
  private void takeBack(String id, Path entryFile, RuntimeException failure) {
    try {
      underLock(
          id,
          () -> {
            files.remove(entryFile);
            return null;
          });
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      LOG.error("the entry {} stays without its idempotency key", id, failure);
    }
  }

  @Override
  public Optional<VersionedEntry> findVersioned(String id) {
    return entries.fileOf(id).flatMap(entries::read).map(bytes -> EntryDirectory.parse(bytes, id));
  }

  @Override
  public WriteResult replace(String id, AddressEntry entry, Precondition check) {
    return changeStored(
        id,
        (file, stored) -> {
          long current = EntryDirectory.parse(stored, id).version();
          if (!check.allows(current)) {
            return WriteResult.VERSION_MISMATCH;
          }
          files.replace(file, EntryFiles.toBytes(new VersionedEntry(entry, current + 1)), stored);
          return WriteResult.replaced(current + 1);
        });
  }

  @Override
  public WriteResult delete(String id, Precondition check) {
    return changeStored(
        id,
        (file, stored) -> {
          if (!check.isUnconditional()
              && !check.allows(EntryDirectory.parse(stored, id).version())) {
            return WriteResult.VERSION_MISMATCH;
          }
          return files.delete(file, stored) ? WriteResult.DELETED : WriteResult.NOT_FOUND;
        });
  }

  /**
   * Runs {@code change} on the file of {@code id} and its content, holding the id's lock; answers
   * NOT_FOUND when there is no such entry.
   */
  private WriteResult changeStored(String id, BiFunction<Path, byte[], WriteResult> change) {
    Optional<Path> file = entries.fileOf(id);
    if (file.isEmpty()) {
      return WriteResult.NOT_FOUND;
    }
    return underLock(
        id,
        () ->
            entries
                .read(file.get())
                .map(stored -> change.apply(file.get(), stored))
                .orElse(WriteResult.NOT_FOUND));
  }

  @Override
  public SortedMap<String, AddressEntry> list() {
    return pages.list();
  }

  @Override
  public StoreSlice page(PageRequest request) {
    return pages.page(request);
  }

  @Override
  public void ping() {
    files.requireDirectory();
    Path probe = files.probeFile();
    try {
      Files.write(probe, new byte[0], StandardOpenOption.CREATE_NEW);
      Files.delete(probe);
    } catch (IOException e) {
      throw new StoreException(
          "the store directory " + directory + " is not writable (" + IoFailures.describe(e) + ")",
          e);
    }
  }

  /** Runs {@code action} holding the lock stripe of {@code id}. */
  private <T> T underLock(String id, Supplier<T> action) {
    return locks.underLock(id, action);
  }
}
