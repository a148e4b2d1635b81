package org.addrservice.store.sql;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * How a SQL store asks for a page, so that it never holds much more than one page of documents
 * however large the entries are. Each query answers {@code id, document, size} in id order: at most
 * {@code limit} rows after an id, matching a LIKE pattern on the folded name when one is given (a
 * literal {@code %}, {@code _} or {@code !} escaped by a {@code !}), where {@code size} is the
 * document's length in bytes, by which the store counts a page's bytes.
 */
enum PageQueries {

  /**
   * The rows as the table holds them. For SQLite, whose result set steps through the table only as
   * far as it is read: the store stops reading once the page is complete.
   */
  STREAMED(Sql.STREAMED, Sql.STREAMED_MATCHING, false),

  /**
   * Only the rows of the page and the one after it, cut by bytes in the database. For PostgreSQL,
   * whose driver reads a whole result into memory before it hands out its first row (unless it
   * reads in a transaction with a fetch size, which costs a round trip more per page and bounds
   * rows, not bytes). A row is kept while the rows before it hold at most the page's bytes, and the
   * first two are always kept: a page holds at least one entry, and the match after a page shows
   * that more follow.
   */
  CUT_BY_THE_DATABASE(Sql.CUT, Sql.CUT_MATCHING, true);

  private final String page;
  private final String pageMatching;
  private final boolean bindsMaxBytes;

  PageQueries(String page, String pageMatching, boolean bindsMaxBytes) {
    this.page = page;
    this.pageMatching = pageMatching;
    this.bindsMaxBytes = bindsMaxBytes;
  }

  /** The query of a page; {@code after} is {@code ""} for the first. */
  Query page(Handle handle, String after, Optional<String> pattern, int limit, long maxBytes) {
    Query query = handle.createQuery(pattern.isPresent() ? pageMatching : page);
    int position = 0;
    query.bind(position++, after);
    if (pattern.isPresent()) {
      query.bind(position++, pattern.get());
    }
    query.bind(position++, limit);
    if (bindsMaxBytes) {
      query.bind(position, maxBytes);
    }
    return query;
  }

  private static final class Sql {
    static final String STREAMED =
        "SELECT id, document, octet_length(document) FROM address_entries"
            + " WHERE id > ? ORDER BY id LIMIT ?";
    static final String STREAMED_MATCHING =
        "SELECT id, document, octet_length(document) FROM address_entries"
            + " WHERE id > ? AND full_name_folded LIKE ? ESCAPE '!' ORDER BY id LIMIT ?";
    static final String CUT = cut("id > ?");
    static final String CUT_MATCHING = cut("id > ? AND full_name_folded LIKE ? ESCAPE '!'");

    private static String cut(String condition) {
      return "SELECT id, document, size FROM ("
          + "SELECT id, document, octet_length(document) AS size,"
          + " sum(octet_length(document)) OVER rows_so_far - octet_length(document) AS before,"
          + " row_number() OVER rows_so_far AS n"
          + " FROM address_entries WHERE "
          + condition
          + " WINDOW rows_so_far AS (ORDER BY id ROWS UNBOUNDED PRECEDING)"
          + " ORDER BY id LIMIT ?) page"
          + " WHERE before <= ? OR n <= 2 ORDER BY id";
    }

    private Sql() {}
  }
}
