package org.addrservice.store.fs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.EntryPage;
import org.addrservice.core.model.ExactJson;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.StoreException;
import org.addrservice.store.VersionCheck;
import org.addrservice.store.WriteResult;

/**
 * Keeps each entry as one JSON file, {@code <id>.json}, in one directory, with its version (see
 * {@link EntryFiles}).
 *
 * <p>Every write goes to a temporary file in the same directory, is forced to disk, and is renamed
 * over the entry's file; the directory is then forced too. A crash at any moment therefore leaves
 * either the old or the new file, never a torn one, and an acknowledged write survives a power cut.
 * Temporary files left by a crash are removed when the store is opened.
 *
 * <p>Operations on one id are serialised by a lock stripe, so a replace cannot resurrect an entry
 * that a concurrent delete removed, and a conditional write checks the version it replaces. The
 * store assumes it is the only process writing the directory.
 *
 * <p>Idempotency keys live in the subdirectory {@value #KEYS_DIRECTORY}, one JSON file per key,
 * named after the SHA-256 of the key (a key may hold any visible character, {@code /} and {@code
 * ..} included), and written the same atomic way. Calls with one key are serialised by a second set
 * of lock stripes, always taken before an id's. The entry is written before its key: a crash
 * between the two leaves an entry without its key, so a retry stores a second entry, but never a
 * key pointing at an entry that was not written. Expired key files are swept at most once a minute.
 */
public final class FileSystemStore implements AddressBookStore {

  private static final String ENTRY_SUFFIX = ".json";

  /** The most ids a page keeps from one pass over the directory. */
  private static final int MAX_ID_BATCH = 16_384;

  private static final String TEMP_SUFFIX = ".tmp";
  private static final int LOCK_STRIPES = 64;
  private static final String KEYS_DIRECTORY = "idempotency-keys";
  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final Path directory;
  private final Path keysDirectory;
  private final ReentrantLock[] locks = newLocks();
  private final ReentrantLock[] keyLocks = newLocks();
  private final ReentrantLock sweepLock = new ReentrantLock();
  private Instant lastSweep = Instant.MIN;

  private FileSystemStore(Path directory) {
    this.directory = directory;
    this.keysDirectory = directory.resolve(KEYS_DIRECTORY);
  }

  private static ReentrantLock[] newLocks() {
    ReentrantLock[] stripes = new ReentrantLock[LOCK_STRIPES];
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
    return stripes;
  }

  /**
   * Opens the store in {@code directory}, creating it when absent.
   *
   * @throws StoreException when the path is not a directory this process can write to
   */
  public static FileSystemStore open(Path directory) {
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
    FileSystemStore store = new FileSystemStore(absolute);
    store.ping();
    store.removeLeftoverTempFiles();
    return store;
  }

  public Path directory() {
    return directory;
  }

  @Override
  public boolean create(String id, AddressEntry entry) {
    Path file = fileOf(id).orElseThrow(() -> new IllegalArgumentException("malformed id"));
    return underLock(
        id,
        () -> {
          if (Files.exists(file)) {
            return false;
          }
          writeAtomically(file, new VersionedEntry(entry, 1));
          return true;
        });
  }

  @Override
  public Optional<IdempotencyRecord> createWithKey(
      IdempotencyRecord record, AddressEntry entry, Instant expiredBefore) {
    Path entryFile =
        fileOf(record.entryId()).orElseThrow(() -> new IllegalArgumentException("malformed id"));
    sweepExpiredKeys(expiredBefore);
    String keyName = sha256(record.key());
    Path keyFile = keysDirectory.resolve(keyName + ENTRY_SUFFIX);
    return underLock(
        keyLocks,
        keyName,
        () -> {
          Optional<IdempotencyRecord> known =
              readKey(keyFile).filter(held -> !held.isExpired(expiredBefore));
          if (known.isPresent()) {
            return known;
          }
          boolean created =
              underLock(
                  locks,
                  record.entryId(),
                  () -> {
                    if (Files.exists(entryFile)) {
                      return false;
                    }
                    writeAtomically(entryFile, new VersionedEntry(entry, 1));
                    return true;
                  });
          if (!created) {
            return Optional.empty();
          }
          writeAtomically(keyFile, keyDocument(record));
          return Optional.of(record);
        });
  }

  @Override
  public Optional<VersionedEntry> findStored(String id) {
    return fileOf(id).flatMap(this::read);
  }

  @Override
  public WriteResult replace(String id, AddressEntry entry, VersionCheck check) {
    Optional<Path> file = fileOf(id);
    if (file.isEmpty()) {
      return WriteResult.NOT_FOUND;
    }
    return underLock(
        id,
        () -> {
          Optional<VersionedEntry> current = read(file.get());
          if (current.isEmpty()) {
            return WriteResult.NOT_FOUND;
          }
          if (!check.allows(current.get().version())) {
            return WriteResult.VERSION_MISMATCH;
          }
          long version = current.get().version() + 1;
          writeAtomically(file.get(), new VersionedEntry(entry, version));
          return WriteResult.replaced(version);
        });
  }

  @Override
  public WriteResult delete(String id, VersionCheck check) {
    Optional<Path> file = fileOf(id);
    if (file.isEmpty()) {
      return WriteResult.NOT_FOUND;
    }
    return underLock(
        id,
        () -> {
          if (!check.isUnconditional()) {
            Optional<VersionedEntry> current = read(file.get());
            if (current.isEmpty()) {
              return WriteResult.NOT_FOUND;
            }
            if (!check.allows(current.get().version())) {
              return WriteResult.VERSION_MISMATCH;
            }
          }
          return deleteFile(file.get()) ? WriteResult.DELETED : WriteResult.NOT_FOUND;
        });
  }

  @Override
  public SortedMap<String, AddressEntry> list() {
    SortedMap<String, AddressEntry> entries = new TreeMap<>();
    Iterator<String> ids = storedIds(null, Integer.MAX_VALUE).iterator();
    while (ids.hasNext()) {
      String id = ids.next();
      storedBytes(id).ifPresent(bytes -> entries.put(id, parse(bytes, id).entry()));
    }
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
  public EntryPage page(PageRequest request) {
    EntryPage.Builder page = EntryPage.builder(request);
    Iterator<String> ids = idsAfter(request.after().orElse(null), request.limit() + 1);
    while (ids.hasNext()) {
      String id = ids.next();
      Optional<byte[]> bytes = storedBytes(id);
      if (bytes.isEmpty()) {
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
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + ENTRY_SUFFIX)) {
      for (Path file : files) {
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

  /** The content of the file of {@code id}; empty when it was deleted since it was listed. */
  private Optional<byte[]> storedBytes(String id) {
    return fileOf(id).filter(Files::isRegularFile).flatMap(this::readBytes);
  }

  @Override
  public void ping() {
    requireDirectory();
    Path probe = directory.resolve(".ping-" + EntryId.generate() + TEMP_SUFFIX);
    try {
      Files.write(probe, new byte[0], StandardOpenOption.CREATE_NEW);
      Files.delete(probe);
    } catch (IOException e) {
      throw new StoreException(
          "the store directory " + directory + " is not writable (" + describe(e) + ")", e);
    }
  }

  /**
   * An entry file that is missing means "no such entry" only while the directory itself is there; a
   * vanished directory (an unmounted volume, say) is an outage, not an empty book.
   */
  private void requireDirectory() {
    if (!Files.isDirectory(directory)) {
      throw new StoreException("the store directory " + directory + " is not a directory");
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
    return underLock(locks, id, action);
  }

  /** Runs {@code action} holding the stripe of {@code name} among {@code stripes}. */
  private static <T> T underLock(ReentrantLock[] stripes, String name, Supplier<T> action) {
    ReentrantLock lock = stripes[Math.floorMod(name.hashCode(), stripes.length)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Deletes the key files that expired, once a minute at most (as the callers' clock goes), so that
   * the directory does not grow forever without a create paying for a full scan each time.
   */
  private void sweepExpiredKeys(Instant expiredBefore) {
    if (!sweepLock.tryLock()) {
      return;
    }
    try {
      if (lastSweep.plus(SWEEP_INTERVAL).isAfter(expiredBefore)
          || !Files.isDirectory(keysDirectory)) {
        return;
      }
      lastSweep = expiredBefore;
      try (DirectoryStream<Path> files =
          Files.newDirectoryStream(keysDirectory, "*" + ENTRY_SUFFIX)) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          String keyName = name.substring(0, name.length() - ENTRY_SUFFIX.length());
          underLock(
              keyLocks,
              keyName,
              () -> {
                if (readKey(file).filter(held -> held.isExpired(expiredBefore)).isPresent()) {
                  deleteFile(file);
                }
                return null;
              });
        }
      } catch (IOException e) {
        throw new StoreException("cannot list the keys directory " + keysDirectory, e);
      }
    } finally {
      sweepLock.unlock();
    }
  }

  private Optional<IdempotencyRecord> readKey(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      requireDirectory();
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + KEYS_DIRECTORY + "/" + file.getFileName(), e);
    }
    try {
      JsonNode document = ExactJson.READER.readTree(bytes);
      return Optional.of(
          new IdempotencyRecord(
              text(document, "key"),
              text(document, "fingerprint"),
              text(document, "entry_id"),
              Instant.parse(text(document, "created_at"))));
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      throw new StoreException("corrupt key in " + KEYS_DIRECTORY + "/" + file.getFileName(), e);
    }
  }

  private static String text(JsonNode document, String field) {
    JsonNode value = document == null ? null : document.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("no text " + field);
    }
    return value.textValue();
  }

  private static byte[] keyDocument(IdempotencyRecord record) {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("key", record.key());
    document.put("fingerprint", record.fingerprint());
    document.put("entry_id", record.entryId());
    document.put("created_at", record.createdAt().toString());
    try {
      return ExactJson.WRITER.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a key record always serialises", e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private boolean deleteFile(Path file) {
    try {
      if (Files.deleteIfExists(file)) {
        forceDirectory(file.getParent());
        return true;
      }
    } catch (IOException e) {
      throw new StoreException("cannot delete " + file.getFileName(), e);
    }
    requireDirectory();
    return false;
  }

  private Optional<VersionedEntry> read(Path file) {
    return readBytes(file)
        .map(document -> EntryFiles.fromBytes(document, file.getFileName().toString()));
  }

  /** The content of {@code file}; empty when there is no such file. */
  private Optional<byte[]> readBytes(Path file) {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      requireDirectory();
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file.getFileName(), e);
    }
  }

  private static VersionedEntry parse(byte[] bytes, String id) {
    return EntryFiles.fromBytes(bytes, id + ENTRY_SUFFIX);
  }

  private void writeAtomically(Path file, VersionedEntry entry) {
    writeAtomically(file, EntryFiles.toBytes(entry));
  }

  /** Writes {@code bytes} to a temporary file beside {@code file} and renames it over it. */
  private void writeAtomically(Path file, byte[] bytes) {
    Path parent = file.getParent();
    Path temp = parent.resolve("." + file.getFileName() + "." + EntryId.generate() + TEMP_SUFFIX);
    try {
      if (!Files.isDirectory(parent)) {
        requireDirectory();
        Files.createDirectories(parent);
        forceDirectory(directory);
      }
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(parent);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new StoreException("cannot write " + file.getFileName(), e);
    }
  }

  /** Makes the last rename or delete in {@code dir} durable. */
  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private void removeLeftoverTempFiles() {
    removeLeftoverTempFiles(directory);
    if (Files.isDirectory(keysDirectory)) {
      removeLeftoverTempFiles(keysDirectory);
    }
  }

  private static void removeLeftoverTempFiles(Path dir) {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new StoreException("cannot clean the store directory " + dir, e);
    }
  }

  private static String describe(IOException e) {
    String reason = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? reason : reason + ": " + e.getMessage();
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException suppressed) {
      // The write already failed; a stray temp file is removed at the next start.
    }
  }
}
