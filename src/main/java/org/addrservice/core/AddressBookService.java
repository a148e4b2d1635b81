package org.addrservice.core;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryFingerprint;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.IdempotencyKey;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.store.AddressBookStore;

/**
 * The address book: every rule about entries and ids lives here, whatever protocol the request came
 * in on and whichever store keeps the entries.
 *
 * <p>An id that is not well formed names no entry: it is answered as not found before any store
 * sees it. On a replace, the id is checked first, then the body, then the store, so a client learns
 * about a bad body even for an entry that has since been deleted.
 *
 * <p>A create may carry an idempotency key: a retry with the same key and the same entry within the
 * window answers the id of the first create and stores nothing; the same key with another entry is
 * refused. The store keeps the keys, so this holds across restarts and across instances.
 */
public final class AddressBookService {

  /** Ids are random; a collision is all but impossible, and a few retries make it impossible. */
  private static final int CREATE_ATTEMPTS = 3;

  public static final Duration DEFAULT_IDEMPOTENCY_WINDOW = Duration.ofHours(24);

  private final AddressBookStore store;
  private final EntryReader reader;
  private final Supplier<String> newIds;
  private final Clock clock;
  private final Duration idempotencyWindow;

  /**
   * @param idempotencyWindow how long an idempotency key is remembered after its first create
   */
  public AddressBookService(
      AddressBookStore store,
      EntryReader reader,
      Supplier<String> newIds,
      Clock clock,
      Duration idempotencyWindow) {
    if (idempotencyWindow.isNegative() || idempotencyWindow.isZero()) {
      throw new IllegalArgumentException("the idempotency window must be positive");
    }
    this.store = store;
    this.reader = reader;
    this.newIds = newIds;
    this.clock = clock;
    this.idempotencyWindow = idempotencyWindow;
  }

  public AddressBookService(AddressBookStore store, EntryReader reader, Supplier<String> newIds) {
    this(store, reader, newIds, Clock.systemUTC(), DEFAULT_IDEMPOTENCY_WINDOW);
  }

  public AddressBookService(AddressBookStore store, EntryReader reader) {
    this(store, reader, EntryId::generate);
  }

  /** Every entry, ordered by id. */
  public SortedMap<String, AddressEntry> list() {
    return store.list();
  }

  public AddressEntry get(String id) {
    requireWellFormed(id);
    return store.find(id).orElseThrow(EntryNotFoundException::new);
  }

  /** Stores a new entry read from {@code body} and answers its id. */
  public String create(InputStream body) {
    return create(body, Optional.empty());
  }

  /**
   * Stores a new entry read from {@code body} and answers its id; with an idempotency key, a retry
   * answers the id the key's first create stored, even when that entry has been deleted since.
   *
   * @throws InvalidIdempotencyKeyException when the key breaks the key rules (checked before the
   *     body is read)
   * @throws IdempotencyKeyReusedException when the key is known with a different entry
   */
  public String create(InputStream body, Optional<String> idempotencyKey) {
    if (idempotencyKey.isPresent() && !IdempotencyKey.isWellFormed(idempotencyKey.get())) {
      throw new InvalidIdempotencyKeyException();
    }
    AddressEntry entry = reader.read(body);
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      String id = newIds.get();
      Optional<String> created =
          idempotencyKey.isPresent()
              ? createWithKey(idempotencyKey.get(), id, entry)
              : Optional.of(id).filter(free -> store.create(free, entry));
      if (created.isPresent()) {
        return created.get();
      }
    }
    throw new IllegalStateException(
        "no free id after " + CREATE_ATTEMPTS + " attempts: the id generator repeats itself");
  }

  /** The id the key stands for, or empty when {@code id} is taken and the key was unknown. */
  private Optional<String> createWithKey(String key, String id, AddressEntry entry) {
    Instant now = clock.instant();
    String fingerprint = EntryFingerprint.of(entry);
    Optional<IdempotencyRecord> held =
        store.createWithKey(
            new IdempotencyRecord(key, fingerprint, id, now), entry, now.minus(idempotencyWindow));
    if (held.isPresent() && !held.get().fingerprint().equals(fingerprint)) {
      throw new IdempotencyKeyReusedException();
    }
    return held.map(IdempotencyRecord::entryId);
  }

  /** Replaces the entry {@code id} with the one read from {@code body}. */
  public void replace(String id, InputStream body) {
    requireWellFormed(id);
    AddressEntry entry = reader.read(body);
    if (!store.replace(id, entry)) {
      throw new EntryNotFoundException();
    }
  }

  public void delete(String id) {
    requireWellFormed(id);
    if (!store.delete(id)) {
      throw new EntryNotFoundException();
    }
  }

  private static void requireWellFormed(String id) {
    if (!EntryId.isWellFormed(id)) {
      throw new EntryNotFoundException();
    }
  }
}
