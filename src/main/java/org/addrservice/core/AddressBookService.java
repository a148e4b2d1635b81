package org.addrservice.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.MergePatch;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.VersionCheck;
import org.addrservice.store.WriteResult;

/**
 * The address book: every rule about entries and ids lives here, whatever protocol the request came
 * in on and whichever store keeps the entries.
 *
 * <p>An id that is not well formed names no entry: it is answered as not found before any store
 * sees it. On a write, the id is checked first, then that a required version condition was stated,
 * then the body, then the store, so a client learns about a bad body even for an entry that has
 * since been deleted. A version condition is checked by the store in the same atomic step as the
 * write: of two clients that read version 3 and both replace "if version 3", exactly one wins.
 */
public final class AddressBookService {

  /** Ids are random; a collision is all but impossible, and a few retries make it impossible. */
  private static final int CREATE_ATTEMPTS = 3;

  private final AddressBookStore store;
  private final EntryReader reader;
  private final Supplier<String> newIds;
  private final boolean requireIfMatch;

  /**
   * @param requireIfMatch whether every replace, patch and delete must state the version it changes
   */
  public AddressBookService(
      AddressBookStore store, EntryReader reader, Supplier<String> newIds, boolean requireIfMatch) {
    this.store = store;
    this.reader = reader;
    this.newIds = newIds;
    this.requireIfMatch = requireIfMatch;
  }

  public AddressBookService(AddressBookStore store, EntryReader reader, Supplier<String> newIds) {
    this(store, reader, newIds, false);
  }

  public AddressBookService(AddressBookStore store, EntryReader reader) {
    this(store, reader, EntryId::generate);
  }

  /** Every entry, ordered by id. */
  public SortedMap<String, AddressEntry> list() {
    return store.list();
  }

  /** The entry {@code id} with its version. */
  public VersionedEntry get(String id) {
    requireWellFormed(id);
    return store.findStored(id).orElseThrow(EntryNotFoundException::new);
  }

  /** Stores a new entry read from {@code body} and answers its id. */
  public String create(InputStream body) {
    AddressEntry entry = reader.read(body);
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      String id = newIds.get();
      if (store.create(id, entry)) {
        return id;
      }
    }
    throw new IllegalStateException(
        "no free id after " + CREATE_ATTEMPTS + " attempts: the id generator repeats itself");
  }

  /**
   * Replaces the entry {@code id} with the one read from {@code body}, if {@code precondition}
   * holds for the stored version, and answers the new version.
   */
  public long replace(String id, InputStream body, Precondition precondition) {
    requireWellFormed(id);
    requireStated(precondition);
    AddressEntry entry = reader.read(body);
    return written(store.replace(id, entry, versionCheck(precondition))).version();
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
      WriteResult result = store.replace(id, patched, VersionCheck.exactly(current.version()));
      if (result.outcome() != WriteResult.Outcome.VERSION_MISMATCH) {
        return written(result).version();
      }
    }
  }

  /** Removes the entry {@code id}, if {@code precondition} holds for the stored version. */
  public void delete(String id, Precondition precondition) {
    requireWellFormed(id);
    requireStated(precondition);
    written(store.delete(id, versionCheck(precondition)));
  }

  private void requireStated(Precondition precondition) {
    if (requireIfMatch && !precondition.isPresent()) {
      throw new PreconditionRequiredException();
    }
  }

  private static VersionCheck versionCheck(Precondition precondition) {
    return precondition.kind() == Precondition.Kind.VERSIONS
        ? VersionCheck.oneOf(precondition.versions())
        : VersionCheck.ANY;
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
