package org.addrservice.store.sql;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of the address book; the same statements run on SQLite and PostgreSQL. The table is
 * created by the Liquibase change log {@code migrations.xml}.
 */
public interface EntryDao {

  /** One stored row, as {@link #list()} reads it. */
  record Row(String id, String document) {}

  @SqlUpdate(
      "INSERT INTO address_entries (id, full_name, document, version)"
          + " VALUES (:id, :fullName, :document, 1) ON CONFLICT (id) DO NOTHING")
  int insert(
      @Bind("id") String id, @Bind("fullName") String fullName, @Bind("document") String document);

  @SqlQuery("SELECT document FROM address_entries WHERE id = :id")
  Optional<String> find(@Bind("id") String id);

  /** Replaces the document; every replace increments the row's version. */
  @SqlUpdate(
      "UPDATE address_entries SET full_name = :fullName, document = :document,"
          + " version = version + 1 WHERE id = :id")
  int update(
      @Bind("id") String id, @Bind("fullName") String fullName, @Bind("document") String document);

  @SqlUpdate("DELETE FROM address_entries WHERE id = :id")
  int delete(@Bind("id") String id);

  @SqlQuery("SELECT id, document FROM address_entries")
  @RegisterConstructorMapper(Row.class)
  List<Row> list();

  /** Touches the table, so a missing schema or a dead connection shows. */
  @SqlQuery("SELECT count(*) FROM address_entries WHERE id = ''")
  int probe();
}
