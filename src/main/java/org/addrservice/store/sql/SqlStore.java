package org.addrservice.store.sql;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.StoreException;
import org.addrservice.store.StoredDocuments;
import org.addrservice.store.VersionCheck;
import org.addrservice.store.WriteResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Keeps entries in one table of a SQL database (SQLite or PostgreSQL): the client's JSON document
 * as text, its {@code full_name}, and a {@code version} that every replace increments. Each
 * operation is one statement, committed before it returns; any database failure becomes a {@link
 * StoreException}.
 */
public final class SqlStore implements AddressBookStore {

  private final Jdbi jdbi;
  private final String name;

  public SqlStore(Jdbi jdbi, String name) {
    this.jdbi = jdbi;
    this.name = name;
  }

  @Override
  public boolean create(String id, AddressEntry entry) {
    if (!EntryId.isWellFormed(id)) {
      throw new IllegalArgumentException("malformed id");
    }
    String document = StoredDocuments.toText(entry);
    return withDao(dao -> dao.insert(id, entry.fullName(), document)) == 1;
  }

  @Override
  public Optional<VersionedEntry> findStored(String id) {
    if (!EntryId.isWellFormed(id)) {
      return Optional.empty();
    }
    return withDao(dao -> dao.find(id))
        .map(
            row ->
                new VersionedEntry(
                    StoredDocuments.fromText(row.document(), name + " entry " + id),
                    row.version()));
  }

  @Override
  public WriteResult replace(String id, AddressEntry entry, VersionCheck check) {
    if (!EntryId.isWellFormed(id)) {
      return WriteResult.NOT_FOUND;
    }
    if (check.isUnsatisfiable()) {
      // SQL has no empty IN list.
      return whyNotWritten(id, check);
    }
    String document = StoredDocuments.toText(entry);
    Optional<Long> version =
        withDao(
            dao ->
                check.isUnconditional()
                    ? dao.update(id, entry.fullName(), document)
                    : dao.updateIfVersion(id, entry.fullName(), document, check.versions()));
    return version.map(WriteResult::replaced).orElseGet(() -> whyNotWritten(id, check));
  }

  @Override
  public WriteResult delete(String id, VersionCheck check) {
    if (!EntryId.isWellFormed(id)) {
      return WriteResult.NOT_FOUND;
    }
    if (check.isUnsatisfiable()) {
      // SQL has no empty IN list.
      return whyNotWritten(id, check);
    }
    int deleted =
        withDao(
            dao ->
                check.isUnconditional()
                    ? dao.delete(id)
                    : dao.deleteIfVersion(id, check.versions()));
    return deleted == 1 ? WriteResult.DELETED : whyNotWritten(id, check);
  }

  /**
   * After a write changed no row: was there no entry, or another version? An entry that vanishes
   * between the write and this look is reported as missing, which is what a retry would find.
   */
  private WriteResult whyNotWritten(String id, VersionCheck check) {
    if (check.isUnconditional() || withDao(dao -> dao.count(id)) == 0) {
      return WriteResult.NOT_FOUND;
    }
    return WriteResult.VERSION_MISMATCH;
  }

  @Override
  public SortedMap<String, AddressEntry> list() {
    SortedMap<String, AddressEntry> entries = new TreeMap<>();
    for (EntryDao.Row row : withDao(EntryDao::list)) {
      entries.put(row.id(), StoredDocuments.fromText(row.document(), name + " entry " + row.id()));
    }
    return entries;
  }

  @Override
  public void ping() {
    withDao(EntryDao::probe);
  }

  private <T> T withDao(Function<EntryDao, T> work) {
    try {
      return jdbi.withExtension(EntryDao.class, work::apply);
    } catch (JdbiException e) {
      throw new StoreException("the " + name + " database is unavailable: " + e.getMessage(), e);
    }
  }
}
