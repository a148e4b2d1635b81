package org.addrservice.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What the store keeps for an idempotency key: the fingerprint of the entry first created under it,
 * that entry's id, and when. The record outlives the entry: deleting the entry does not free the
 * key.
 */
public record IdempotencyRecord(String key, String fingerprint, String entryId, Instant createdAt) {

  public IdempotencyRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether the record is too old to count: created at or before {@code expiredBefore}. */
  public boolean isExpired(Instant expiredBefore) {
    return !createdAt.isAfter(expiredBefore);
  }
}
