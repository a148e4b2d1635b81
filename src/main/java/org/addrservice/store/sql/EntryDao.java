package org.addrservice.store.sql;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of the address book; the same statements run on SQLite and PostgreSQL. The table is
 * created by the Liquibase change log {@code migrations.xml}.
 */
public interface EntryDao {

  /** One stored row, as {@link #list()} and the pages read it. */
  record Row(String id, String document) {}

  @SqlUpdate(
      "INSERT INTO address_entries (id, full_name, full_name_folded, document, version)"
          + " VALUES (:id, :fullName, :foldedName, :document, 1) ON CONFLICT (id) DO NOTHING")
  int insert(
      @Bind("id") String id,
      @Bind("fullName") String fullName,
      @Bind("foldedName") String foldedName,
      @Bind("document") String document);

  /** One stored entry with its version, as {@link #find} reads it. */
  record VersionedRow(String document, long version) {}

  @SqlQuery("SELECT document, version FROM address_entries WHERE id = :id")
  @RegisterConstructorMapper(VersionedRow.class)
  Optional<VersionedRow> find(@Bind("id") String id);

  /** Replaces the document whatever its version; answers the new version, if there was a row. */
  @SqlQuery(
      "UPDATE address_entries SET full_name = :fullName, full_name_folded = :foldedName,"
          + " document = :document, version = version + 1 WHERE id = :id RETURNING version")
  Optional<Long> update(
      @Bind("id") String id,
      @Bind("fullName") String fullName,
      @Bind("foldedName") String foldedName,
      @Bind("document") String document);

  /**
   * Replaces the document only while its version is one of {@code versions}: the check and the
   * write are one statement, so of two writers that read the same version only one succeeds.
   */
  @SqlQuery(
      "UPDATE address_entries SET full_name = :fullName, full_name_folded = :foldedName,"
          + " document = :document, version = version + 1"
          + " WHERE id = :id AND version IN (<versions>) RETURNING version")
  Optional<Long> updateIfVersion(
      @Bind("id") String id,
      @Bind("fullName") String fullName,
      @Bind("foldedName") String foldedName,
      @Bind("document") String document,
      @BindList("versions") Collection<Long> versions);

  @SqlUpdate("DELETE FROM address_entries WHERE id = :id")
  int delete(@Bind("id") String id);

  @SqlUpdate("DELETE FROM address_entries WHERE id = :id AND version IN (<versions>)")
  int deleteIfVersion(@Bind("id") String id, @BindList("versions") Collection<Long> versions);

  @SqlQuery("SELECT count(*) FROM address_entries WHERE id = :id")
  int count(@Bind("id") String id);

  @SqlQuery("SELECT id, document FROM address_entries")
  @RegisterConstructorMapper(Row.class)
  List<Row> list();

  /**
   * At most {@code limit} rows with an id after {@code after} ({@code ""} for the first page), in
   * id order: one range scan of the primary key.
   */
  @SqlQuery("SELECT id, document FROM address_entries WHERE id > :after ORDER BY id LIMIT :limit")
  @RegisterConstructorMapper(Row.class)
  List<Row> page(@Bind("after") String after, @Bind("limit") int limit);

  /**
   * As {@link #page}, keeping only rows whose folded name matches {@code pattern}, a LIKE pattern
   * in which a literal {@code %}, {@code _} or {@code !} is escaped by a {@code !}: a character
   * that means nothing special to Java, to either database's string literals, or to JDBI.
   */
  @SqlQuery(
      "SELECT id, document FROM address_entries WHERE id > :after"
          + " AND full_name_folded LIKE :pattern ESCAPE '!' ORDER BY id LIMIT :limit")
  @RegisterConstructorMapper(Row.class)
  List<Row> pageMatching(
      @Bind("after") String after, @Bind("pattern") String pattern, @Bind("limit") int limit);

  /** Touches the table, so a missing schema or a dead connection shows. */
  @SqlQuery("SELECT count(*) FROM address_entries WHERE id = ''")
  int probe();
}
