package org.addrservice.store.sql;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.EntryPage;
import org.addrservice.core.model.NameFolding;
import org.addrservice.core.model.PageRequest;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.StoreException;
import org.addrservice.store.StoredDocuments;
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
    return withDao(dao -> dao.insert(id, entry.fullName(), foldedName(entry), document)) == 1;
  }

  @Override
  public Optional<AddressEntry> find(String id) {
    if (!EntryId.isWellFormed(id)) {
      return Optional.empty();
    }
    return withDao(dao -> dao.find(id))
        .map(document -> StoredDocuments.fromText(document, name + " entry " + id));
  }

  @Override
  public boolean replace(String id, AddressEntry entry) {
    if (!EntryId.isWellFormed(id)) {
      return false;
    }
    String document = StoredDocuments.toText(entry);
    return withDao(dao -> dao.update(id, entry.fullName(), foldedName(entry), document)) == 1;
  }

  @Override
  public boolean delete(String id) {
    return EntryId.isWellFormed(id) && withDao(dao -> dao.delete(id)) == 1;
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
  public EntryPage page(PageRequest request) {
    // Ids are never empty, so every id comes after "".
    String after = request.after().orElse("");
    int limit = request.limit() + 1;
    Optional<String> pattern = request.foldedNameContains().map(SqlStore::containsPattern);
    List<EntryDao.Row> rows =
        withDao(
            dao ->
                pattern.isPresent()
                    ? dao.pageMatching(after, pattern.get(), limit)
                    : dao.page(after, limit));
    SortedMap<String, AddressEntry> entries = new TreeMap<>();
    for (EntryDao.Row row : rows.subList(0, Math.min(rows.size(), request.limit()))) {
      entries.put(row.id(), StoredDocuments.fromText(row.document(), name + " entry " + row.id()));
    }
    return new EntryPage(entries, rows.size() > request.limit());
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
