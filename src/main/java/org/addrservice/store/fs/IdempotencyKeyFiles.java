package org.addrservice.store.fs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.addrservice.core.model.ExactJson;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.port.StoreException;
import org.addrservice.util.Sha256;

/**
 * The idempotency keys of a file-system store: one JSON file per key in the subdirectory {@value
 * #DIRECTORY}, named after the SHA-256 of the key (a key may hold any visible character, {@code /}
 * and {@code ..} included), and written as durably as the entries. Work on one key is serialised by
 * its lock stripe. Expired key files are swept at most once a minute.
 */
final class IdempotencyKeyFiles {

  static final String DIRECTORY = "idempotency-keys";

  private static final String SUFFIX = ".json";
  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final Path directory;
  private final DurableFiles files;
  private final LockStripes locks = new LockStripes();
  private final ReentrantLock sweepLock = new ReentrantLock();
  private Instant lastSweep = Instant.MIN;

  /**
   * @param storeDirectory the store's directory, which holds the keys' subdirectory
   */
  IdempotencyKeyFiles(Path storeDirectory, DurableFiles files) {
    this.directory = storeDirectory.resolve(DIRECTORY);
    this.files = files;
  }

  /** Runs {@code action} holding the lock of {@code key}. */
  <T> T underLock(String key, Supplier<T> action) {
    return locks.underLock(nameOf(key), action);
  }

  /** The record held for {@code key}, expired or not. */
  Optional<IdempotencyRecord> find(String key) {
    return read(fileOf(nameOf(key)));
  }

  /**
   * Stores {@code record} under its key, replacing any record held. When it throws, the key holds
   * what it held before, or nothing.
   */
  void write(IdempotencyRecord record) {
    files.write(fileOf(nameOf(record.key())), document(record));
  }

  /**
   * Deletes the key files that expired, once a minute at most (as the callers' clock goes), so that
   * the directory does not grow forever without a create paying for a full scan each time.
   */
  void sweepExpired(Instant expiredBefore) {
    if (!sweepLock.tryLock()) {
      return;
    }
    try {
      if (lastSweep.plus(SWEEP_INTERVAL).isAfter(expiredBefore) || !Files.isDirectory(directory)) {
        return;
      }
      lastSweep = expiredBefore;
      try (DirectoryStream<Path> keyFiles = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
        for (Path file : keyFiles) {
          String name = file.getFileName().toString();
          locks.underLock(
              name.substring(0, name.length() - SUFFIX.length()),
              () -> {
                if (read(file).filter(held -> held.isExpired(expiredBefore)).isPresent()) {
                  files.remove(file);
                }
                return null;
              });
        }
      } catch (IOException e) {
        throw new StoreException("cannot list the keys directory " + directory, e);
      }
    } finally {
      sweepLock.unlock();
    }
  }

  /** Removes the temporary files a crash left among the keys. */
  void removeLeftovers() {
    if (Files.isDirectory(directory)) {
      DurableFiles.removeLeftovers(directory);
    }
  }

  private Path fileOf(String name) {
    return directory.resolve(name + SUFFIX);
  }

  private Optional<IdempotencyRecord> read(Path file) {
    return files.read(file).map(bytes -> parse(bytes, file));
  }

  private static IdempotencyRecord parse(byte[] bytes, Path file) {
    try {
      JsonNode document = ExactJson.READER.readTree(bytes);
      return new IdempotencyRecord(
          text(document, "key"),
          text(document, "fingerprint"),
          text(document, "entry_id"),
          Instant.parse(text(document, "created_at")));
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      throw new StoreException("corrupt key in " + DIRECTORY + "/" + file.getFileName(), e);
    }
  }

  private static String text(JsonNode document, String field) {
    JsonNode value = document == null ? null : document.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("no text " + field);
    }
    return value.textValue();
  }

  private static byte[] document(IdempotencyRecord record) {
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

  private static String nameOf(String key) {
    return Sha256.hex(key);
  }
}
