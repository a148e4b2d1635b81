package org.addrservice.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryFingerprint;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.EntryPage;
import org.addrservice.core.model.IdempotencyKey;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.MergePatch;
import org.addrservice.core.model.PageMemory;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.WriteResult;

/**
 * The address book: every rule about entries and ids lives here, whatever protocol the request came
 * in on and whichever store keeps the entries.
 *
 * <p>An id that is not well formed names no entry: it is answered as not found before any store
 * sees it. On a write, the id is checked first, then that a required version condition was stated,
 * then the body, then the store, so a client learns about a bad body even for an entry that has
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

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private final AddressBookStore store;
  private final EntryReader reader;
  private final Supplier<String> newIds;
  private final Clock clock;
  private final Policies policies;
  private final PageMemory pageMemory;

  /**
   * What the service allows, as configured.
   *
   * @param idempotencyWindow how long an idempotency key is remembered after its first create
   * @param requireIfMatch whether every replace, patch and delete must state the version it changes
   * @param maxPageSize the most entries one page holds, and what a page holds when the client names
   *     no limit
   * @param maxPageBytes the most bytes of stored JSON one page holds, unless its first entry alone
   *     is larger: what bounds the memory a page takes, whatever clients stored
   * @param pageMemory the most bytes of stored JSON all pages being read and answered at once hold
   *     together, but for their first entries: what bounds the memory a crowd of readers takes
   */
  public record Policies(
      Duration idempotencyWindow,
      boolean requireIfMatch,
      int maxPageSize,
      long maxPageBytes,
      long pageMemory) {

    public static final Policies DEFAULTS =
        new Policies(
            DEFAULT_IDEMPOTENCY_WINDOW,
            false,
            DEFAULT_MAX_PAGE_SIZE,
            DEFAULT_MAX_PAGE_BYTES,
            DEFAULT_PAGE_MEMORY);

    public Policies {
      if (idempotencyWindow.isNegative() || idempotencyWindow.isZero()) {
        throw new IllegalArgumentException("the idempotency window must be positive");
      }
      if (maxPageSize < 1) {
        throw new IllegalArgumentException("a page holds at least one entry, not " + maxPageSize);
      }
      if (maxPageBytes < 1) {
        throw new IllegalArgumentException("a page holds at least one byte, not " + maxPageBytes);
      }
      if (pageMemory < maxPageBytes) {
        throw new IllegalArgumentException(
            "the page memory (" + pageMemory + " bytes) must hold a page of " + maxPageBytes);
      }
    }

    public Policies withIdempotencyWindow(Duration window) {
      return new Policies(window, requireIfMatch, maxPageSize, maxPageBytes, pageMemory);
    }

    public Policies withRequireIfMatch(boolean required) {
      return new Policies(idempotencyWindow, required, maxPageSize, maxPageBytes, pageMemory);
    }

    public Policies withMaxPageSize(int size) {
      return new Policies(idempotencyWindow, requireIfMatch, size, maxPageBytes, pageMemory);
    }

    public Policies withMaxPageBytes(long bytes) {
      return new Policies(
          idempotencyWindow, requireIfMatch, maxPageSize, bytes, Math.max(bytes, pageMemory));
    }

    public Policies withPageMemory(long bytes) {
      return new Policies(idempotencyWindow, requireIfMatch, maxPageSize, maxPageBytes, bytes);
    }
  }

  public AddressBookService(
      AddressBookStore store,
      EntryReader reader,
      Supplier<String> newIds,
      Clock clock,
      Policies policies) {
    this.store = store;
    this.reader = reader;
    this.newIds = newIds;
    this.clock = clock;
    this.policies = policies;
    this.pageMemory = new PageMemory(policies.pageMemory());
  }

  public AddressBookService(AddressBookStore store, EntryReader reader, Supplier<String> newIds) {
    this(store, reader, newIds, Clock.systemUTC(), Policies.DEFAULTS);
  }

  public AddressBookService(AddressBookStore store, EntryReader reader) {
    this(store, reader, EntryId::generate);
  }

  /**
   * One page of the book, in id order. Each argument is as the client sent it, null when absent. A
   * page that reaches the configured bytes before its limit ends there, and leads on like a full
   * one.
   *
   * @param limit the most entries the page holds, 1 to the configured maximum; the maximum when
   *     null
   * @param after the cursor of a previous page's answer; the first page when null
   * @param nameContains keeps only the entries whose full name contains it, ignoring case; at most
   *     {@value PageRequest#MAX_SEARCH_LENGTH} characters of text every store can keep
   * @throws InvalidQueryException naming each argument that is not valid
   */
  public BookPage list(String limit, String after, String nameContains) {
    List<String> errors = new ArrayList<>();
    int maxPageSize = policies.maxPageSize();
    int pageSize = maxPageSize;
    if (limit != null) {
      pageSize = DIGITS.matcher(limit).matches() ? Integer.parseInt(limit) : 0;
      if (pageSize < 1 || pageSize > maxPageSize) {
        errors.add("limit: must be a whole number from 1 to " + maxPageSize);
      }
    }
    Optional<String> afterId = Optional.empty();
    if (after != null) {
      afterId = PageCursor.decode(after);
      if (afterId.isEmpty()) {
        errors.add("after: must be a cursor from the Link header of a previous page");
      }
    }
    if (nameContains != null) {
      if (nameContains.codePointCount(0, nameContains.length()) > PageRequest.MAX_SEARCH_LENGTH) {
        errors.add("q: must be at most " + PageRequest.MAX_SEARCH_LENGTH + " characters long");
      }
      StorableText.problem(nameContains).ifPresent(problem -> errors.add("q: " + problem));
    }
    if (!errors.isEmpty()) {
      throw new InvalidQueryException(errors);
    }
    Optional<String> search = Optional.ofNullable(nameContains);
    PageMemory.Share memory = pageMemory.share();
    try {
      EntryPage page =
          store.page(new PageRequest(afterId, pageSize, policies.maxPageBytes(), search, memory));
      Optional<String> next =
          page.hasMore()
              ? Optional.of(PageCursor.encode(page.entries().lastKey()))
              : Optional.empty();
      return new BookPage(page.entries(), pageSize, search, next, memory);
    } catch (RuntimeException e) {
      memory.close();
      throw e;
    }
  }

  /** The memory all pages share, and how much of it the pages being answered now hold. */
  public PageMemory pageMemory() {
    return pageMemory;
  }

  /** The entry {@code id} with its version. */
  public VersionedEntry get(String id) {
    requireWellFormed(id);
    return store.findStored(id).orElseThrow(EntryNotFoundException::new);
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
            new IdempotencyRecord(key, fingerprint, id, now),
            entry,
            now.minus(policies.idempotencyWindow()));
    if (held.isPresent() && !held.get().fingerprint().equals(fingerprint)) {
      throw new IdempotencyKeyReusedException();
    }
    return held.map(IdempotencyRecord::entryId);
  }

  /**
   * Replaces the entry {@code id} with the one read from {@code body}, if {@code precondition}
   * holds for the stored version, and answers the new version.
   */
  public long replace(String id, InputStream body, Precondition precondition) {
    requireWellFormed(id);
    requireStated(precondition);
    AddressEntry entry = reader.read(body);
    return written(store.replace(id, entry, precondition)).version();
  }

  /**
   * Applies the JSON merge patch read from {@code body} to the entry {@code id}, if {@code
   * precondition} holds for the stored version, and answers the new version. The patched entry must
   * be valid. The patch applies to the entry as stored when it is written: when another write comes
   * in between, a patch without a version condition is applied again to the newer entry, and one
   * with a condition fails.
   */
  public long patch(String id, InputStream body, Precondition precondition) {
    requireWellFormed(id);
    requireStated(precondition);
    JsonNode patch = reader.readJson(body);
    while (true) {
      VersionedEntry current = get(id);
      if (!precondition.allows(current.version())) {
        throw new VersionMismatchException();
      }
      AddressEntry patched = reader.validate(MergePatch.apply(current.entry().toJson(), patch));
      WriteResult result = store.replace(id, patched, Precondition.exactly(current.version()));
      if (result.outcome() != WriteResult.Outcome.VERSION_MISMATCH) {
        return written(result).version();
      }
    }
  }

  /** Removes the entry {@code id}, if {@code precondition} holds for the stored version. */
  public void delete(String id, Precondition precondition) {
    requireWellFormed(id);
    requireStated(precondition);
    written(store.delete(id, precondition));
  }

  private void requireStated(Precondition precondition) {
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
