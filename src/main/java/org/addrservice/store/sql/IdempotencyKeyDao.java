package org.addrservice.store.sql;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of idempotency keys, the same on SQLite and PostgreSQL; the table is created by the
 * Liquibase change log {@code migrations.xml}. Times are epoch milliseconds.
 */
public interface IdempotencyKeyDao {

  /** One stored key. */
  record Row(String idempotencyKey, String fingerprint, String entryId, long createdAt) {}

  /**
   * Answers 0 when the key is taken. On PostgreSQL an insert of the same key by a transaction that
   * has not finished yet is waited for, so the loser sees the winner's committed row.
   */
  @SqlUpdate(
      "INSERT INTO idempotency_keys (idempotency_key, fingerprint, entry_id, created_at)"
          + " VALUES (:key, :fingerprint, :entryId, :createdAt)"
          + " ON CONFLICT (idempotency_key) DO NOTHING")
  int insert(
      @Bind("key") String key,
      @Bind("fingerprint") String fingerprint,
      @Bind("entryId") String entryId,
      @Bind("createdAt") long createdAt);

  @SqlQuery(
      "SELECT idempotency_key, fingerprint, entry_id, created_at FROM idempotency_keys"
          + " WHERE idempotency_key = :key")
  @RegisterConstructorMapper(Row.class)
  Optional<Row> find(@Bind("key") String key);

  @SqlUpdate(
      "DELETE FROM idempotency_keys WHERE idempotency_key = :key AND created_at <= :expiredBefore")
  int deleteIfExpired(@Bind("key") String key, @Bind("expiredBefore") long expiredBefore);

  @SqlUpdate("DELETE FROM idempotency_keys WHERE idempotency_key = :key AND entry_id = :entryId")
  int delete(@Bind("key") String key, @Bind("entryId") String entryId);

  /** Deletes up to {@code limit} expired keys, the oldest first. */
  @SqlUpdate(
      "DELETE FROM idempotency_keys WHERE idempotency_key IN (SELECT idempotency_key"
          + " FROM idempotency_keys WHERE created_at <= :expiredBefore"
          + " ORDER BY created_at LIMIT :limit)")
  int purgeExpired(@Bind("expiredBefore") long expiredBefore, @Bind("limit") int limit);
}
