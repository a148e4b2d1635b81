package org.addrservice.store.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.EntryPage;
import org.addrservice.core.model.PageRequest;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.StoreException;
import org.addrservice.store.StoredDocuments;

/**
 * Keeps each entry as one JSON file, {@code <id>.json}, in one directory.
 *
 * <p>Every write goes to a temporary file in the same directory, is forced to disk, and is renamed
 * over the entry's file; the directory is then forced too. A crash at any moment therefore leaves
 * either the old or the new file, never a torn one, and an acknowledged write survives a power cut.
 * Temporary files left by a crash are removed when the store is opened.
 *
 * <p>Operations on one id are serialised by a lock stripe, so a replace cannot resurrect an entry
 * that a concurrent delete removed. The store assumes it is the only process writing the directory.
 */
public final class FileSystemStore implements AddressBookStore {

  private static final String ENTRY_SUFFIX = ".json";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final int LOCK_STRIPES = 64;

  private final Path directory;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

  private FileSystemStore(Path directory) {
    this.directory = directory;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
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
          writeAtomically(file, entry);
          return true;
        });
  }

  @Override
  public Optional<AddressEntry> find(String id) {
    return fileOf(id).flatMap(this::read);
  }

  @Override
  public boolean replace(String id, AddressEntry entry) {
    Optional<Path> file = fileOf(id);
    return file.isPresent()
        && underLock(
            id,
            () -> {
              if (!Files.exists(file.get())) {
                requireDirectory();
                return false;
              }
              writeAtomically(file.get(), entry);
              return true;
            });
  }

  @Override
  public boolean delete(String id) {
    Optional<Path> file = fileOf(id);
    return file.isPresent() && underLock(id, () -> deleteFile(file.get()));
  }

  @Override
  public SortedMap<String, AddressEntry> list() {
    SortedMap<String, AddressEntry> entries = new TreeMap<>();
    storedEntries(storedIds()).forEach(entry -> entries.put(entry.getKey(), entry.getValue()));
    return entries;
  }

  /**
   * Lists the whole directory for every page, so a page costs time in proportion to the size of the
   * book: fine for the single host this store is meant for. Only the files of the page itself (and
   * of the names that do not match the search) are read.
   */
  @Override
  public EntryPage page(PageRequest request) {
    NavigableSet<String> ids = storedIds();
    NavigableSet<String> candidates =
        request.after().map(after -> ids.tailSet(after, false)).orElse(ids);
    return EntryPage.of(storedEntries(candidates), request);
  }

  /** The ids of the entry files in the directory, in order. */
  private NavigableSet<String> storedIds() {
    NavigableSet<String> ids = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + ENTRY_SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ENTRY_SUFFIX.length());
        if (EntryId.isWellFormed(id) && Files.isRegularFile(file)) {
          ids.add(id);
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot list the store directory " + directory, e);
    }
    return ids;
  }

  /** The entries of {@code ids}, read lazily and in order. */
  private Stream<Map.Entry<String, AddressEntry>> storedEntries(NavigableSet<String> ids) {
    // An entry deleted since the listing is simply not part of it.
    return ids.stream()
        .flatMap(id -> fileOf(id).flatMap(this::read).map(entry -> Map.entry(id, entry)).stream());
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
  private boolean underLock(String id, BooleanSupplier action) {
    ReentrantLock lock = locks[Math.floorMod(id.hashCode(), locks.length)];
    lock.lock();
    try {
      return action.getAsBoolean();
    } finally {
      lock.unlock();
    }
  }

  private boolean deleteFile(Path file) {
    try {
      if (Files.deleteIfExists(file)) {
        forceDirectory();
        return true;
      }
    } catch (IOException e) {
      throw new StoreException("cannot delete " + file.getFileName(), e);
    }
    requireDirectory();
    return false;
  }

  private Optional<AddressEntry> read(Path file) {
    byte[] document;
    try {
      document = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      requireDirectory();
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file.getFileName(), e);
    }
    return Optional.of(StoredDocuments.fromBytes(document, file.getFileName().toString()));
  }

  private void writeAtomically(Path file, AddressEntry entry) {
    Path temp =
        directory.resolve("." + file.getFileName() + "." + EntryId.generate() + TEMP_SUFFIX);
    try {
      byte[] bytes = StoredDocuments.toBytes(entry);
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory();
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new StoreException("cannot write " + file.getFileName(), e);
    }
  }

  /** Makes the last rename or delete in the directory durable. */
  private void forceDirectory() throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private void removeLeftoverTempFiles() {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, ".*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new StoreException("cannot clean the store directory " + directory, e);
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
