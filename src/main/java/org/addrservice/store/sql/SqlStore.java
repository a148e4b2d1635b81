package org.addrservice.store.sql;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.NameFolding;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.StoreSlice;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.core.port.WriteResult;
import org.addrservice.store.StoredDocuments;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps entries in one table of a SQL database (SQLite or PostgreSQL): the client's JSON document
 * as text, its {@code full_name}, and a {@code version} that every replace increments. Reads are
 * one statement each on a pooled connection. Each write is atomic and committed before it returns,
 * in the way {@link SqlWrites} given by the factory decides (its own transaction, or a share of a
 * group commit); the document is serialised before, so only SQL runs inside. Any database failure
 * becomes a {@link StoreException}.
 *
 * <p>A create with an idempotency key writes both tables in one atomic write; the key's primary key
 * decides which of several concurrent creates, from any number of instances, stores its entry.
 * Expired keys are purged in bounded batches after each keyed create.
 */
public final class SqlStore implements AddressBookStore {

  private static final Logger LOG = LoggerFactory.getLogger(SqlStore.class);

  /** Keys purged per keyed create at most: more than are created, so the table shrinks. */
  private static final int PURGE_BATCH = 100;

  /** Rounds of "delete if expired, insert, else read" before a key that keeps vanishing fails. */
  private static final int KEY_ATTEMPTS = 3;

  private final EntryReads reads;
  private final SqlWrites writes;
  private final String name;

  SqlStore(Jdbi jdbi, SqlWrites writes, PageQueries pages, String name) {
    this.reads = new EntryReads(jdbi, pages);
    this.writes = writes;
    this.name = name;
  }

  @Override
  public boolean create(String id, AddressEntry entry) {
    if (!EntryId.isWellFormed(id)) {
      throw new IllegalArgumentException("malformed id");
    }
    String document = StoredDocuments.toText(entry);
    String folded = foldedName(entry);
    return write(daos -> daos.entries().insert(id, entry.fullName(), folded, document)) == 1;
  }

  @Override
  public Optional<IdempotencyRecord> createWithKey(
      IdempotencyRecord record, AddressEntry entry, Instant expiredBefore) {
    if (!EntryId.isWellFormed(record.entryId())) {
      throw new IllegalArgumentException("malformed id");
    }
    String document = StoredDocuments.toText(entry);
    String folded = foldedName(entry);
    long cutoff = expiredBefore.toEpochMilli();
    Optional<IdempotencyRecord> held =
        writeAtomically(
            daos -> {
              IdempotencyKeyDao keys = daos.keys();
              for (int attempt = 1; attempt <= KEY_ATTEMPTS; attempt++) {
                keys.deleteIfExpired(record.key(), cutoff);
                if (keys.insert(
                        record.key(),
                        record.fingerprint(),
                        record.entryId(),
                        record.createdAt().toEpochMilli())
                    == 1) {
                  if (daos.entries().insert(record.entryId(), entry.fullName(), folded, document)
                      == 1) {
                    return Optional.of(record);
                  }
                  keys.delete(record.key(), record.entryId());
                  return Optional.empty();
                }
                Optional<IdempotencyRecord> known =
                    keys.find(record.key())
                        .map(SqlStore::recordOf)
                        .filter(found -> !found.isExpired(expiredBefore));
                if (known.isPresent()) {
                  return known;
                }
              }
              throw new StoreException(
                  "the idempotency key kept changing during " + KEY_ATTEMPTS + " attempts");
            });
    if (held.filter(record::equals).isPresent()) {
      purgeExpiredKeys(cutoff);
    }
    return held;
  }

  /**
   * Best effort: a purge that fails (two instances purging the same rows may deadlock on
   * PostgreSQL) is left to the next create rather than failing one that has succeeded.
   */
  private void purgeExpiredKeys(long cutoff) {
    try {
      write(daos -> daos.keys().purgeExpired(cutoff, PURGE_BATCH));
    } catch (StoreException e) {
      LOG.warn("could not purge expired idempotency keys from the {} database", name, e);
    }
  }

  private static IdempotencyRecord recordOf(IdempotencyKeyDao.Row row) {
    return new IdempotencyRecord(
        row.idempotencyKey(),
        row.fingerprint(),
        row.entryId(),
        Instant.ofEpochMilli(row.createdAt()));
  }

  @Override
  public Optional<VersionedEntry> findVersioned(String id) {
    if (!EntryId.isWellFormed(id)) {
      return Optional.empty();
    }
    return onDatabase(() -> reads.find(id))
        .map(
            row ->
                new VersionedEntry(
                    StoredDocuments.fromText(row.document(), name + " entry " + id),
                    row.version()));
  }

  @Override
  public WriteResult replace(String id, AddressEntry entry, Precondition check) {
    Optional<WriteResult> settled = settledWithoutWriting(id, check);
    if (settled.isPresent()) {
      return settled.get();
    }
    String document = StoredDocuments.toText(entry);
    String folded = foldedName(entry);
    return write(
        daos -> {
          EntryDao dao = daos.entries();
          Optional<Long> version =
              check.isUnconditional()
                  ? dao.update(id, entry.fullName(), folded, document)
                  : dao.updateIfVersion(id, entry.fullName(), folded, document, check.versions());
          return version
              .map(WriteResult::replaced)
              .orElseGet(() -> whyNotWritten(check, () -> EntryReads.count(daos.handle(), id)));
        });
  }

  @Override
  public WriteResult delete(String id, Precondition check) {
    Optional<WriteResult> settled = settledWithoutWriting(id, check);
    if (settled.isPresent()) {
      return settled.get();
    }
    return write(
        daos -> {
          EntryDao dao = daos.entries();
          int deleted =
              check.isUnconditional() ? dao.delete(id) : dao.deleteIfVersion(id, check.versions());
          return deleted == 1
              ? WriteResult.DELETED
              : whyNotWritten(check, () -> EntryReads.count(daos.handle(), id));
        });
  }

  /**
   * The answer to a replace or delete of {@code id} under {@code check} when no write statement can
   * succeed: the id names no entry, or no version satisfies the check (SQL has no empty IN list).
   */
  private Optional<WriteResult> settledWithoutWriting(String id, Precondition check) {
    if (!EntryId.isWellFormed(id)) {
      return Optional.of(WriteResult.NOT_FOUND);
    }
    if (check.isUnsatisfiable()) {
      return Optional.of(onDatabase(() -> whyNotWritten(check, () -> reads.count(id))));
    }
    return Optional.empty();
  }

  /** After a write changed no row: was there no entry, or another version? */
  private static WriteResult whyNotWritten(Precondition check, IntSupplier count) {
    if (check.isUnconditional() || count.getAsInt() == 0) {
      return WriteResult.NOT_FOUND;
    }
    return WriteResult.VERSION_MISMATCH;
  }

  @Override
  public SortedMap<String, AddressEntry> list() {
    SortedMap<String, AddressEntry> entries = new TreeMap<>();
    for (EntryReads.Row row : onDatabase(reads::list)) {
      entries.put(row.id(), StoredDocuments.fromText(row.document(), name + " entry " + row.id()));
    }
    return entries;
  }

  /** Parses only the documents of the page, as the rows come. */
  @Override
  public StoreSlice page(PageRequest request) {
    // Ids are never empty, so every id comes after "".
    String after = request.after().orElse("");
    Optional<String> pattern = request.foldedNameContains().map(SqlStore::containsPattern);
    StoreSlice.Builder page = StoreSlice.builder(request);
    onDatabase(
        () -> {
          reads.page(
              after,
              pattern,
              request.limit() + 1,
              request.maxBytes(),
              (id, document, size) -> {
                if (!page.admits(size)) {
                  return false;
                }
                page.add(id, StoredDocuments.fromBytes(document, name + " entry " + id), size);
                return true;
              });
          return null;
        });
    return page.build();
  }

  /** The LIKE pattern matching any text that contains {@code text} literally. */
  static String containsPattern(String text) {
    String escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return "%" + escaped + "%";
  }

  private static String foldedName(AddressEntry entry) {
    return NameFolding.fold(entry.fullName());
  }

  @Override
  public void ping() {
    onDatabase(reads::probe);
  }

  private <T> T write(Function<HandleDaos, T> work) {
    return onDatabase(() -> writes.run(work));
  }

  private <T> T writeAtomically(Function<HandleDaos, T> work) {
    return onDatabase(() -> writes.runAtomically(work));
  }

  /** Runs statements on the database; a database failure becomes a {@link StoreException}. */
  private <T> T onDatabase(Supplier<T> statement) {
    try {
      return statement.get();
    } catch (JdbiException e) {
      throw new StoreException("the " + name + " database is unavailable: " + e.getMessage(), e);
    }
  }
}
