package org.addrservice.store.sql;

import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The reads of the address book: each one statement on a handle of its own. They run on the handle
 * itself, with positional parameters and row mappers written out, and not through a SQL Object DAO:
 * a DAO attaches a proxy and reflects a row mapper for every call, which cost several times the
 * statement on SQLite. The same statements run on SQLite and PostgreSQL, but for a page's, which
 * {@link PageQueries} words for each.
 */
final class EntryReads {

  /** One stored row, as {@link #list()} reads it. */
  record Row(String id, String document) {}

  /**
   * Takes the rows of a page one at a time: a document's UTF-8 bytes as stored, and their number.
   */
  @FunctionalInterface
  interface PageRows {
    /** Answers whether it takes more rows. */
    boolean take(String id, byte[] document, long size);
  }

  /** One stored entry with its version, as {@link #find} reads it. */
  record VersionedRow(String document, long version) {}

  private static final String FIND = "SELECT document, version FROM address_entries WHERE id = ?";
  private static final String COUNT = "SELECT count(*) FROM address_entries WHERE id = ?";
  private static final String LIST = "SELECT id, document FROM address_entries";

  /** Touches the table, so a missing schema or a dead connection shows. */
  private static final String PROBE = "SELECT count(*) FROM address_entries WHERE id = ''";

  private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getString(1), rs.getString(2));
  private static final RowMapper<VersionedRow> VERSIONED_ROW =
      (rs, ctx) -> new VersionedRow(rs.getString(1), rs.getLong(2));
  private static final RowMapper<Integer> COUNT_ROW = (rs, ctx) -> rs.getInt(1);

  private final Jdbi jdbi;
  private final PageQueries pages;

  EntryReads(Jdbi jdbi, PageQueries pages) {
    this.jdbi = jdbi;
    this.pages = pages;
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
   * Hands the rows of a page to {@code take}, in id order, until it answers false or the rows run
   * out: at most {@code limit} rows with an id after {@code after} ({@code ""} for the first page),
   * whose folded name matches {@code pattern} when one is given. Rows are read from the database
   * only as they are taken, and the rest of the result is dropped.
   */
  void page(String after, Optional<String> pattern, int limit, long maxBytes, PageRows take) {
    jdbi.useHandle(
        handle ->
            pages
                .page(handle, after, pattern, limit, maxBytes)
                .scanResultSet(
                    (results, context) -> {
                      ResultSet rows = results.get();
                      boolean taking = true;
                      while (taking && rows.next()) {
                        taking = take.take(rows.getString(1), rows.getBytes(2), rows.getLong(3));
                      }
                      return null;
                    }));
  }

  int probe() {
    return jdbi.withHandle(handle -> handle.select(PROBE).map(COUNT_ROW).one());
  }
}
