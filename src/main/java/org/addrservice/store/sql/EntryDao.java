package org.addrservice.store.sql;

import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The writes of the address book; the same statements run on SQLite and PostgreSQL. The reads are
 * {@link EntryReads}. The table is created by the Liquibase change log {@code migrations.xml}.
 */
public interface EntryDao {

  @SqlUpdate(
      "INSERT INTO address_entries (id, full_name, full_name_folded, document, version)"
          + " VALUES (:id, :fullName, :foldedName, :document, 1) ON CONFLICT (id) DO NOTHING")
  int insert(
      @Bind("id") String id,
      @Bind("fullName") String fullName,
      @Bind("foldedName") String foldedName,
      @Bind("document") String document);

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
}
