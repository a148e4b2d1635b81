package org.addrservice.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryFingerprint;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.IdempotencyKey;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.MergePatch;
import org.addrservice.core.model.PageMemory;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.StoreSlice;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.WriteResult;

/**
 * The address book: every rule about entries and ids lives here, whatever protocol the request came
 * in on and whichever store keeps the entries.
 *
 * <p>Documents come in parsed; which bytes they were read from is the caller's business. An id that
 * is not well formed names no entry: it is answered as not found before any store sees it. On a
 * write, the id is checked first, then that a required version condition was stated, then the
 * document, then the store, so a client learns about a bad document even for an entry that has
 * since been deleted. A version condition is checked by the store in the same atomic step as the
 * write: of two clients that read version 3 and both replace "if version 3", exactly one wins.
 *
 * <p>A create may carry an idempotency key: a retry with the same key and the same entry within the
 * window answers the id of the first create and stores nothing; the same key with another entry is
 * refused. The store keeps the keys, so this holds across restarts and across instances.
 */
public final class AddressBookService {

  /** Ids are random; a collision is all but impossible, and a few retries make it impossible. */
  private static final int CREATE_ATTEMPTS = 3;

  public static final Duration DEFAULT_IDEMPOTENCY_WINDOW = Duration.ofHours(24);

  /** How many entries a page holds at most unless configured otherwise. */
  public static final int DEFAULT_MAX_PAGE_SIZE = 1000;

  /** How many bytes of stored JSON a page holds at most unless configured otherwise: 1 MiB. */
  public static final long DEFAULT_MAX_PAGE_BYTES = 1L << 20;

  /** How much stored JSON all pages being answered at once hold together, by default. */
  public static final long DEFAULT_PAGE_MEMORY = 8L << 20;

  private final AddressBookStore store;
  private final EntryValidator validator;
  private final Supplier<String> newIds;
  private final Clock clock;
  private final BookPolicies policies;
  private final PageMemory pageMemory;

  public AddressBookService(
      AddressBookStore store,
      EntryValidator validator,
      Supplier<String> newIds,
      Clock clock,
      BookPolicies policies) {
    this.store = store;
    this.validator = validator;
    this.newIds = newIds;
    this.clock = clock;
    this.policies = policies;
    this.pageMemory = new PageMemory(policies.pageMemory());
  }

  public AddressBookService(
      AddressBookStore store, EntryValidator validator, Supplier<String> newIds) {
    this(store, validator, newIds, Clock.systemUTC(), BookPolicies.DEFAULTS);
  }

  public AddressBookService(AddressBookStore store, EntryValidator validator) {
    this(store, validator, EntryId::generate);
  }

  /**
   * One page of the book, in id order. A page that reaches the configured bytes before its limit
   * ends there, and leads on like a full one.
   *
   * @throws InvalidQueryException naming each part of {@code query} that breaks a rule: a limit
   *     outside 1 to {@link #maxPageSize()}, a start that is no entry id, a search that breaks
   *     {@link PageQuery#searchProblems}
   */
  public BookPage list(PageQuery query) {
    List<String> problems = new ArrayList<>();
    int maxPageSize = policies.maxPageSize();
    int pageSize = query.limit().orElse(maxPageSize);
    if (pageSize < 1 || pageSize > maxPageSize) {
      problems.add("a page holds 1 to " + maxPageSize + " entries, not " + pageSize);
    }
    if (query.after().filter(id -> !EntryId.isWellFormed(id)).isPresent()) {
      problems.add("a page starts after an entry id, and this is none");
    }
    query
        .nameContains()
        .ifPresent(
            text ->
                PageQuery.searchProblems(text)
                    .forEach(problem -> problems.add("the search text " + problem)));
    if (!problems.isEmpty()) {
      throw new InvalidQueryException(problems);
    }
    PageMemory.Share memory = pageMemory.share();
    try {
      StoreSlice page =
          store.page(
              new PageRequest(
                  query.after(), pageSize, policies.maxPageBytes(), query.nameContains(), memory));
      Optional<String> nextAfter =
          page.hasMore() ? Optional.of(page.entries().lastKey()) : Optional.empty();
      return new BookPage(page.entries(), pageSize, query.nameContains(), nextAfter, memory);
    } catch (RuntimeException e) {
      memory.close();
      throw e;
    }
  }

  /** The most entries a page holds, and what it holds when the query names no limit. */
  public int maxPageSize() {
    return policies.maxPageSize();
  }

  /** The memory all pages share, and how much of it the pages being answered now hold. */
  public PageMemory pageMemory() {
    return pageMemory;
  }

  /** The entry {@code id} with its version. */
  public VersionedEntry get(String id) {
    requireWellFormed(id);
    return store.findVersioned(id).orElseThrow(EntryNotFoundException::new);
  }

  /**
   * The entry {@code id} with its version, if {@code precondition} holds for it: a read made on a
   * version condition fails as a write on it would, so a client can tell its copy is stale.
   *
   * @throws VersionMismatchException when the stored version is not one the condition allows
   */
  public VersionedEntry get(String id, Precondition precondition) {
    VersionedEntry stored = get(id);
    if (!precondition.allows(stored.version())) {
      throw new VersionMismatchException();
    }
    return stored;
  }

  /** Stores {@code document} as a new entry and answers its id. */
  public String create(JsonNode document) {
    return create(document, Optional.empty());
  }

  /**
   * Stores {@code document} as a new entry and answers its id; with an idempotency key, a retry
   * answers the id the key's first create stored, even when that entry has been deleted since.
   *
   * @throws IdempotencyKeyReusedException when the key is known with a different entry
   */
  public String create(JsonNode document, Optional<IdempotencyKey> idempotencyKey) {
    AddressEntry entry = entryOf(document);
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      String id = newIds.get();
      Optional<String> created =
          idempotencyKey.isPresent()
              ? createWithKey(idempotencyKey.get().value(), id, entry)
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
            new IdempotencyRecord(key, fingerprint, id, now),
            entry,
            now.minus(policies.idempotencyWindow()));
    if (held.isPresent() && !held.get().fingerprint().equals(fingerprint)) {
      throw new IdempotencyKeyReusedException();
    }
    return held.map(IdempotencyRecord::entryId);
  }

  /**
   * Replaces the entry {@code id} with {@code document}, if {@code precondition} holds for the
   * stored version, and answers the new version.
   */
  public long replace(String id, JsonNode document, Precondition precondition) {
    requireWritable(id, precondition);
    AddressEntry entry = entryOf(document);
    return written(store.replace(id, entry, precondition)).version();
  }

  /**
   * Applies the JSON merge patch {@code mergePatch} to the entry {@code id}, if {@code
   * precondition} holds for the stored version, and answers the new version. The patched entry must
   * be valid. The patch applies to the entry as stored when it is written: when another write comes
   * in between, a patch without a version condition is applied again to the newer entry, and one
   * with a condition fails.
   */
  public long patch(String id, JsonNode mergePatch, Precondition precondition) {
    requireWritable(id, precondition);
    requireStorable(mergePatch);
    while (true) {
      VersionedEntry current = get(id, precondition);
      AddressEntry patched =
          validator.validate(MergePatch.apply(current.entry().toJson(), mergePatch));
      WriteResult result = store.replace(id, patched, Precondition.exactly(current.version()));
      if (result.outcome() != WriteResult.Outcome.VERSION_MISMATCH) {
        return written(result).version();
      }
    }
  }

  /** Removes the entry {@code id}, if {@code precondition} holds for the stored version. */
  public void delete(String id, Precondition precondition) {
    requireWritable(id, precondition);
    written(store.delete(id, precondition));
  }

  /**
   * The entry {@code document} holds.
   *
   * @throws UnstorableTextException when it holds text no store can keep
   * @throws InvalidEntryException when it breaks the schema
   */
  private AddressEntry entryOf(JsonNode document) {
    requireStorable(document);
    return validator.validate(document);
  }

  private static void requireStorable(JsonNode document) {
    StorableText.firstProblem(document)
        .ifPresent(
            problem -> {
              throw new UnstorableTextException(problem);
            });
  }

  /**
   * Checks what a replace, patch or delete checks before it looks at its document: that {@code id}
   * is one an entry could have, and that {@code precondition} was stated when one is required. A
   * caller that reads the document from elsewhere calls this first, so that a bad request is
   * answered for its first fault, whatever the document holds.
   *
   * @throws EntryNotFoundException when the id is not well formed
   * @throws PreconditionRequiredException when a condition is required and none was stated
   */
  public void requireWritable(String id, Precondition precondition) {
    requireWellFormed(id);
    if (policies.requireIfMatch() && !precondition.isPresent()) {
      throw new PreconditionRequiredException();
    }
  }

  private static WriteResult written(WriteResult result) {
    return switch (result.outcome()) {
      case WRITTEN -> result;
      case NOT_FOUND -> throw new EntryNotFoundException();
      case VERSION_MISMATCH -> throw new VersionMismatchException();
    };
  }

  private static void requireWellFormed(String id) {
    if (!EntryId.isWellFormed(id)) {
      throw new EntryNotFoundException();
    }
  }
}
