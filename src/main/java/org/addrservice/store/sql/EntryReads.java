package org.addrservice.store.sql;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The reads of the address book: each one statement on a handle of its own. They run on the handle
 * itself, with positional parameters and row mappers written out, and not through a SQL Object DAO:
 * a DAO attaches a proxy and reflects a row mapper for every call, which cost several times the
 * statement on SQLite. The same statements run on SQLite and PostgreSQL.
 */
final class EntryReads {

  /** One stored row, as {@link #list()} and the pages read it. */
  record Row(String id, String document) {}

  /** One stored entry with its version, as {@link #find} reads it. */
  record VersionedRow(String document, long version) {}

  private static final String FIND = "SELECT document, version FROM address_entries WHERE id = ?";
  private static final String COUNT = "SELECT count(*) FROM address_entries WHERE id = ?";
  private static final String LIST = "SELECT id, document FROM address_entries";

  /** One range scan of the primary key. */
  private static final String PAGE =
      "SELECT id, document FROM address_entries WHERE id > ? ORDER BY id LIMIT ?";

  /**
   * As {@link #PAGE}, keeping only rows whose folded name matches a LIKE pattern in which a literal
   * {@code %}, {@code _} or {@code !} is escaped by a {@code !}: a character that means nothing
   * special to Java, to either database's string literals, or to JDBI.
   */
  private static final String PAGE_MATCHING =
      "SELECT id, document FROM address_entries WHERE id > ?"
          + " AND full_name_folded LIKE ? ESCAPE '!' ORDER BY id LIMIT ?";

  /** Touches the table, so a missing schema or a dead connection shows. */
  private static final String PROBE = "SELECT count(*) FROM address_entries WHERE id = ''";

  private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getString(1), rs.getString(2));
  private static final RowMapper<VersionedRow> VERSIONED_ROW =
      (rs, ctx) -> new VersionedRow(rs.getString(1), rs.getLong(2));
  private static final RowMapper<Integer> COUNT_ROW = (rs, ctx) -> rs.getInt(1);

  private final Jdbi jdbi;

  EntryReads(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  Optional<VersionedRow> find(String id) {
    return jdbi.withHandle(handle -> handle.select(FIND, id).map(VERSIONED_ROW).findOne());
  }

  int count(String id) {
    return jdbi.withHandle(handle -> count(handle, id));
  }

  /** As {@link #count(String)}, on a handle a write already holds. */
  static int count(Handle handle, String id) {
    return handle.select(COUNT, id).map(COUNT_ROW).one();
  }

  List<Row> list() {
    return jdbi.withHandle(handle -> handle.select(LIST).map(ROW).list());
  }

  /**
   * At most {@code limit} rows with an id after {@code after} ({@code ""} for the first page), in
   * id order.
   */
  List<Row> page(String after, int limit) {
    return jdbi.withHandle(handle -> handle.select(PAGE, after, limit).map(ROW).list());
  }

  /** As {@link #page}, keeping only rows whose folded name matches {@code pattern}. */
  List<Row> pageMatching(String after, String pattern, int limit) {
    return jdbi.withHandle(
        handle -> handle.select(PAGE_MATCHING, after, pattern, limit).map(ROW).list());
  }

  int probe() {
    return jdbi.withHandle(handle -> handle.select(PROBE).map(COUNT_ROW).one());
  }
}
