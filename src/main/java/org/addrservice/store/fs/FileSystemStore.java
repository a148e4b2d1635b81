package org.addrservice.store.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.StoreSlice;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.core.port.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each entry as one JSON file, {@code <id>.json}, in one directory, with its version (see
 * {@link EntryFiles}), written and deleted through {@link DurableFiles}: atomically, durably, and
 * without a trace when a change fails.
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

  private static final String ENTRY_SUFFIX = ".json";

  /** The most ids a page keeps from one pass over the directory. */
  private static final int MAX_ID_BATCH = 16_384;

  private final Path directory;
  private final DurableFiles files;
  private final IdempotencyKeyFiles keys;
  private final LockStripes locks = new LockStripes();

  private FileSystemStore(Path directory, DurableFiles files) {
    this.directory = directory;
    this.files = files;
    this.keys = new IdempotencyKeyFiles(directory, files);
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
          "cannot create the store directory " + absolute + " (" + describe(e) + ")", e);
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
    Path file = fileOf(id).orElseThrow(() -> new IllegalArgumentException("malformed id"));
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
        fileOf(record.entryId()).orElseThrow(() -> new IllegalArgumentException("malformed id"));
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
    return fileOf(id).flatMap(this::readBytes).map(bytes -> parse(bytes, id));
  }

  @Override
  public WriteResult replace(String id, AddressEntry entry, Precondition check) {
    Optional<Path> file = fileOf(id);
    if (file.isEmpty()) {
      return WriteResult.NOT_FOUND;
    }
    return underLock(
        id,
        () -> {
          Optional<byte[]> stored = readBytes(file.get());
          if (stored.isEmpty()) {
            return WriteResult.NOT_FOUND;
          }
          long current = parse(stored.get(), id).version();
          if (!check.allows(current)) {
            return WriteResult.VERSION_MISMATCH;
          }
          files.replace(
              file.get(), EntryFiles.toBytes(new VersionedEntry(entry, current + 1)), stored.get());
          return WriteResult.replaced(current + 1);
        });
  }

  @Override
  public WriteResult delete(String id, Precondition check) {
    Optional<Path> file = fileOf(id);
    if (file.isEmpty()) {
      return WriteResult.NOT_FOUND;
    }
    return underLock(
        id,
        () -> {
          Optional<byte[]> stored = readBytes(file.get());
          if (stored.isEmpty()) {
            return WriteResult.NOT_FOUND;
          }
          if (!check.isUnconditional() && !check.allows(parse(stored.get(), id).version())) {
            return WriteResult.VERSION_MISMATCH;
          }
          return files.delete(file.get(), stored.get())
              ? WriteResult.DELETED
              : WriteResult.NOT_FOUND;
        });
  }

  @Override
  public SortedMap<String, AddressEntry> list() {
    SortedMap<String, AddressEntry> entries = new TreeMap<>();
    readEach(
        storedIds(null, Integer.MAX_VALUE).iterator(),
        (id, bytes) -> entries.put(id, parse(bytes, id).entry()));
    return entries;
  }

  /**
   * Lists the directory in passes, each keeping only the next batch of ids in order: the ids of the
   * page, or, while a search skips names that do not match, batches that double up to {@link
   * #MAX_ID_BATCH}. So a page holds a bounded number of ids whatever the size of the book, but each
   * pass reads the whole directory: a page costs time in proportion to the size of the book, fine
   * for the single host this store is meant for. Only the files of the page itself (and of the
   * names that do not match the search) are read, up to the first that does not fit.
   */
  @Override
  public StoreSlice page(PageRequest request) {
    StoreSlice.Builder page = StoreSlice.builder(request);
    Iterator<String> ids = idsAfter(request.after().orElse(null), request.limit() + 1);
    while (ids.hasNext()) {
      String id = ids.next();
      Optional<byte[]> bytes = fileOf(id).filter(Files::isRegularFile).flatMap(this::readBytes);
      if (bytes.isEmpty()) {
        // Deleted since the listing: not part of it.
        continue;
      }
      AddressEntry entry = parse(bytes.get(), id).entry();
      if (!request.matches(entry)) {
        continue;
      }
      if (!page.admits(bytes.get().length)) {
        break;
      }
      page.add(id, entry, bytes.get().length);
    }
    return page.build();
  }

  /** Reads the file of each id of {@code ids} that is still there, in order. */
  private void readEach(Iterator<String> ids, BiConsumer<String, byte[]> action) {
    while (ids.hasNext()) {
      String id = ids.next();
      fileOf(id)
          .filter(Files::isRegularFile)
          .flatMap(this::readBytes)
          .ifPresent(bytes -> action.accept(id, bytes));
    }
  }

  /** The ids after {@code after} (all when null) in order, listed a batch at a time as used. */
  private Iterator<String> idsAfter(String after, int firstBatch) {
    return new Iterator<>() {
      private String last = after;
      private int batchSize = firstBatch;
      private Iterator<String> batch = Collections.emptyIterator();
      private boolean listedAll;

      @Override
      public boolean hasNext() {
        if (!batch.hasNext() && !listedAll) {
          NavigableSet<String> next = storedIds(last, batchSize);
          listedAll = next.size() < batchSize;
          if (!next.isEmpty()) {
            last = next.last();
          }
          batch = next.iterator();
          batchSize = Math.max(batchSize, Math.min(2 * batchSize, MAX_ID_BATCH));
        }
        return batch.hasNext();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch.next();
      }
    };
  }

  /**
   * The first {@code max} ids of the entry files in the directory that come after {@code after}
   * (all when null), in order.
   */
  private NavigableSet<String> storedIds(String after, int max) {
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

  @Override
  public void ping() {
    files.requireDirectory();
    Path probe = files.probeFile();
    try {
      Files.write(probe, new byte[0], StandardOpenOption.CREATE_NEW);
      Files.delete(probe);
    } catch (IOException e) {
      throw new StoreException(
          "the store directory " + directory + " is not writable (" + describe(e) + ")", e);
    }
  }

  private Optional<Path> fileOf(String id) {
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

  /** Runs {@code action} holding the lock stripe of {@code id}. */
  private <T> T underLock(String id, Supplier<T> action) {
    return locks.underLock(id, action);
  }

  /** The content of {@code file}; empty when there is no such file. */
  private Optional<byte[]> readBytes(Path file) {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      files.requireDirectory();
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file.getFileName(), e);
    }
  }

  private static VersionedEntry parse(byte[] bytes, String id) {
    return EntryFiles.fromBytes(bytes, id + ENTRY_SUFFIX);
  }

  private static String describe(IOException e) {
    String reason = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? reason : reason + ": " + e.getMessage();
  }
}
