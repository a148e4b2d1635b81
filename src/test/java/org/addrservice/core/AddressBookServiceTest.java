package org.addrservice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.ExactJson;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.StoreSlice;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.core.port.WriteResult;
import org.addrservice.store.StoredDocuments;
import org.addrservice.store.fs.FileSystemStore;
import org.addrservice.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressBookServiceTest {

  private final EntryValidator validator = new EntryValidator();
  private final RecordingStore store = new RecordingStore(new MemoryStore());
  private final AddressBookService service = new AddressBookService(store, validator);

  static List<String> malformedIds() {
    return List.of("../etc", "../etc/passwd", "", "a/b", "a.b", "..", "a b", "a".repeat(200));
  }

  @Test
  void createStoresTheEntryUnderAFreshGeneratedId() {
    String id = service.create(body("full"));

    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(store.find(id)).contains(EntryFixtures.entry("full"));
  }

  @Test
  void createAnswersADifferentIdForEachEntry() {
    String first = service.create(body("minimal"));
    String second = service.create(body("minimal"));

    assertThat(first).isNotEqualTo(second);
    assertThat(store.list()).containsOnlyKeys(first, second);
  }

  @Test
  void getAnswersTheStoredEntry() {
    String id = service.create(body("unicode-cjk-emoji"));

    assertThat(service.get(id).entry()).isEqualTo(EntryFixtures.entry("unicode-cjk-emoji"));
  }

  @Test
  void getOfUnknownIdThrowsEntryNotFound() {
    service.create(body("minimal"));

    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(() -> service.get("0123456789abcdef0123456789abcdef"))
        .withMessage("Address entry not found");
  }

  @Test
  void listAnswersEveryEntryOrderedById() {
    List<String> ids = new ArrayList<>();
    for (String fixture : List.of("minimal", "full", "empty-arrays", "unicode-latin")) {
      ids.add(service.create(body(fixture)));
    }
    Collections.sort(ids);

    SortedMap<String, AddressEntry> entries = service.list(PageQuery.FIRST).entries();

    assertThat(entries.keySet()).containsExactlyElementsOf(ids);
    assertThat(entries.get(ids.get(0))).isEqualTo(store.find(ids.get(0)).orElseThrow());
  }

  @Test
  void listOfAnEmptyBookIsEmpty() {
    BookPage page = service.list(PageQuery.FIRST);

    assertThat(page.entries()).isEmpty();
    assertThat(page.nextAfter()).isEmpty();
  }

  @Test
  void withoutALimitAPageHoldsTheMaximumAndACursorLeadsToTheRest() {
    AddressBookService paged =
        new AddressBookService(
            store,
            validator,
            EntryId::generate,
            Clock.systemUTC(),
            BookPolicies.DEFAULTS.withMaxPageSize(3));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(paged.create(body("minimal")));
    }
    Collections.sort(ids);

    BookPage first = paged.list(PageQuery.FIRST);
    assertThat(first.entries().keySet()).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(first.limit()).isEqualTo(3);
    assertThat(first.nextAfter()).isPresent();
    assertThat(first.nextAfter()).contains(ids.get(2));

    BookPage rest =
        paged.list(new PageQuery(OptionalInt.of(3), first.nextAfter(), Optional.empty()));
    assertThat(rest.entries().keySet()).containsExactlyElementsOf(ids.subList(3, 5));
    assertThat(rest.nextAfter()).isEmpty();
  }

  @Test
  void aSearchIsKeptForTheNextPage() {
    AddressBookService paged =
        new AddressBookService(
            store,
            validator,
            EntryId::generate,
            Clock.systemUTC(),
            BookPolicies.DEFAULTS.withMaxPageSize(3));
    paged.create(body("minimal"));
    paged.create(body("full"));

    BookPage page = paged.list(new PageQuery(OptionalInt.of(1), Optional.empty(), Optional.of("")));

    assertThat(page.entries()).hasSize(1);
    assertThat(page.nameContains()).contains("");
    assertThat(page.nextAfter()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4, -1, Integer.MAX_VALUE})
  void aLimitOutsideOneToTheMaximumIsRefusedBeforeTheStoreIsAsked(int limit) {
    AddressBookService paged =
        new AddressBookService(
            store,
            validator,
            EntryId::generate,
            Clock.systemUTC(),
            BookPolicies.DEFAULTS.withMaxPageSize(3));

    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(
            () ->
                paged.list(
                    new PageQuery(OptionalInt.of(limit), Optional.empty(), Optional.empty())))
        .satisfies(
            e ->
                assertThat(e.problems())
                    .containsExactly("a page holds 1 to 3 entries, not " + limit));
    assertThat(store.calls).doesNotContain("page");
  }

  @ParameterizedTest
  @MethodSource("malformedIds")
  void aPageAfterAMalformedIdIsRefused(String after) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(
            () ->
                service.list(
                    new PageQuery(OptionalInt.empty(), Optional.of(after), Optional.empty())))
        .satisfies(
            e ->
                assertThat(e.problems())
                    .containsExactly("a page starts after an entry id, and this is none"));
    assertThat(store.calls).doesNotContain("page");
  }

  static Stream<Arguments> unacceptableSearches() {
    return Stream.of(
        Arguments.of("a".repeat(257), "the search text must be at most 256 characters long"),
        Arguments.of("\uFDFA".repeat(257), "the search text must be at most 256 characters long"),
        Arguments.of("\u0000", "the search text must not hold U+0000"),
        Arguments.of(
            "Ada\ud800",
            "the search text must not hold an unpaired surrogate (U+D800), which is no character"),
        Arguments.of(
            "\udc09\ud83d",
            "the search text must not hold an unpaired surrogate (U+DC09), which is no character"));
  }

  @ParameterizedTest
  @MethodSource("unacceptableSearches")
  void aSearchTooLongOrHoldingTextNoStoreCanKeepIsRefusedBeforeTheStoreIsAsked(
      String q, String error) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> service.list(search(q)))
        .satisfies(e -> assertThat(e.problems()).containsExactly(error));
    assertThat(store.calls).doesNotContain("page");
  }

  /** The bound counts characters, not the UTF-16 units of a pair nor the fold's expansion. */
  @ParameterizedTest
  @ValueSource(strings = {"a", "\uFDFA", "\ud83d\udc09", "\u00DF"})
  void aSearchOfTheLongestLengthIsPassedToTheStore(String character) {
    BookPage page = service.list(search(character.repeat(PageRequest.MAX_SEARCH_LENGTH)));

    assertThat(page.entries()).isEmpty();
    assertThat(store.calls).contains("page");
  }

  @Test
  void everyBadPartOfAQueryIsNamedAtOnce() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(
            () ->
                service.list(new PageQuery(OptionalInt.of(0), Optional.of("!"), Optional.of("x"))))
        .satisfies(
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .anyMatch(problem -> problem.startsWith("a page holds "))
                    .anyMatch(problem -> problem.startsWith("a page starts after ")));
  }

  @Test
  void aServiceWithoutRoomForOneEntryPerPageCannotBeBuilt() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(
            () ->
                new AddressBookService(
                    store,
                    validator,
                    EntryId::generate,
                    Clock.systemUTC(),
                    BookPolicies.DEFAULTS.withMaxPageSize(0)));
  }

  @Test
  void replaceChangesTheStoredEntry() {
    String id = service.create(body("minimal"));

    service.replace(id, body("full"), Precondition.NONE);

    assertThat(service.get(id).entry()).isEqualTo(EntryFixtures.entry("full"));
    assertThat(store.list()).containsOnlyKeys(id);
  }

  @Test
  void replaceOfUnknownIdThrowsEntryNotFoundAndStoresNothing() {
    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(
            () ->
                service.replace(
                    "0123456789abcdef0123456789abcdef", body("full"), Precondition.NONE));

    assertThat(store.list()).isEmpty();
  }

  @Test
  void replaceWithAnInvalidBodyKeepsTheOldEntry() {
    String id = service.create(body("minimal"));

    assertThatExceptionOfType(InvalidEntryException.class)
        .isThrownBy(() -> service.replace(id, invalidBody("bad-address-kind"), Precondition.NONE));

    assertThat(service.get(id).entry()).isEqualTo(EntryFixtures.entry("minimal"));
  }

  @Test
  void replaceOfAnUnknownIdWithAnInvalidBodyReportsTheBodyFirst() {
    assertThatExceptionOfType(InvalidEntryException.class)
        .isThrownBy(
            () ->
                service.replace(
                    "0123456789abcdef0123456789abcdef",
                    invalidBody("missing-pincode"),
                    Precondition.NONE));
  }

  @Test
  void deleteRemovesTheEntry() {
    String kept = service.create(body("minimal"));
    String id = service.create(body("full"));

    service.delete(id, Precondition.NONE);

    assertThat(store.find(id)).isEmpty();
    assertThat(store.list()).containsOnlyKeys(kept);
    assertThatExceptionOfType(EntryNotFoundException.class).isThrownBy(() -> service.get(id));
  }

  @Test
  void deletingTwiceThrowsEntryNotFoundTheSecondTime() {
    String id = service.create(body("minimal"));
    service.delete(id, Precondition.NONE);

    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(() -> service.delete(id, Precondition.NONE));
  }

  @ParameterizedTest
  @MethodSource("malformedIds")
  void getOfAMalformedIdThrowsEntryNotFoundWithoutAskingTheStore(String id) {
    store.calls.clear();

    assertThatExceptionOfType(EntryNotFoundException.class).isThrownBy(() -> service.get(id));
    assertThat(store.calls).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("malformedIds")
  void replaceOfAMalformedIdThrowsEntryNotFoundWithoutAskingTheStore(String id) {
    store.calls.clear();

    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(() -> service.replace(id, body("full"), Precondition.NONE));
    assertThat(store.calls).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("malformedIds")
  void replaceOfAMalformedIdWithAnInvalidBodyStillThrowsEntryNotFound(String id) {
    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(() -> service.replace(id, invalidBody("bad-address-kind"), Precondition.NONE));
    assertThat(store.calls).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("malformedIds")
  void deleteOfAMalformedIdThrowsEntryNotFoundWithoutAskingTheStore(String id) {
    String existing = service.create(body("minimal"));
    store.calls.clear();

    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(() -> service.delete(id, Precondition.NONE));
    assertThat(store.calls).isEmpty();
    assertThat(store.list()).containsOnlyKeys(existing);
  }

  @Test
  void aNullIdNamesNoEntry() {
    assertThatExceptionOfType(EntryNotFoundException.class).isThrownBy(() -> service.get(null));
    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(() -> service.replace(null, body("full"), Precondition.NONE));
    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(() -> service.delete(null, Precondition.NONE));
    assertThat(store.calls).isEmpty();
  }

  @Test
  void createWithAnInvalidBodyStoresNothing() {
    store.calls.clear();

    assertThatExceptionOfType(InvalidEntryException.class)
        .isThrownBy(() -> service.create(invalidBody("many-violations-at-once")))
        .satisfies(e -> assertThat(e.violations()).hasSizeGreaterThanOrEqualTo(6));
    assertThat(store.calls).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void createOfTextNoStoreCanKeepStoresNothing() {
    assertThatExceptionOfType(UnstorableTextException.class)
        .isThrownBy(() -> service.create(json("{\"full_name\": \"Bill\\u0000\"}")))
        .satisfies(e -> assertThat(e.detail()).isEqualTo("$.full_name: must not hold U+0000"));

    assertThat(store.list()).isEmpty();
  }

  @Test
  void createTriesAnotherIdWhenTheFirstIsTaken() {
    String taken = "0000000000000000000000000000000a";
    String fresh = "0000000000000000000000000000000b";
    assertThat(store.create(taken, EntryFixtures.entry("minimal"))).isTrue();
    AddressBookService withIds =
        new AddressBookService(
            store, validator, ids(taken, fresh, "0000000000000000000000000000000c"));

    String id = withIds.create(body("full"));

    assertThat(id).isEqualTo(fresh);
    assertThat(store.find(fresh)).contains(EntryFixtures.entry("full"));
    assertThat(store.find(taken)).contains(EntryFixtures.entry("minimal"));
    assertThat(store.list()).containsOnlyKeys(taken, fresh);
  }

  @Test
  void createGivesUpWhenEveryIdItTriesIsTaken() {
    String taken = "0000000000000000000000000000000a";
    assertThat(store.create(taken, EntryFixtures.entry("minimal"))).isTrue();
    int[] asked = {0};
    AddressBookService stuck =
        new AddressBookService(
            store,
            validator,
            () -> {
              asked[0]++;
              return taken;
            });

    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> stuck.create(body("full")));

    assertThat(asked[0]).isGreaterThan(1).isLessThan(100);
    assertThat(store.list()).containsOnlyKeys(taken);
    assertThat(store.find(taken)).contains(EntryFixtures.entry("minimal"));
  }

  @Test
  void theDefaultIdSupplierGeneratesWellFormedIds() {
    AddressBookService plain = new AddressBookService(new MemoryStore(), validator);

    String id = plain.create(body("minimal"));

    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(plain.get(id).entry()).isEqualTo(EntryFixtures.entry("minimal"));
  }

  @Test
  void aReplaceOnTheCurrentVersionAnswersTheNextOne() {
    String id = service.create(body("minimal"));

    assertThat(service.replace(id, body("full"), Precondition.oneOf(Set.of(1L)))).isEqualTo(2);
    assertThat(service.get(id)).isEqualTo(new VersionedEntry(EntryFixtures.entry("full"), 2));
  }

  @Test
  void aReplaceOnAStaleVersionChangesNothing() {
    String id = service.create(body("minimal"));
    service.replace(id, body("full"), Precondition.NONE);

    assertThatExceptionOfType(VersionMismatchException.class)
        .isThrownBy(() -> service.replace(id, body("minimal"), Precondition.oneOf(Set.of(1L))));
    assertThat(service.get(id)).isEqualTo(new VersionedEntry(EntryFixtures.entry("full"), 2));
  }

  @Test
  void aDeleteOnAStaleVersionKeepsTheEntry() {
    String id = service.create(body("minimal"));
    service.replace(id, body("full"), Precondition.NONE);

    assertThatExceptionOfType(VersionMismatchException.class)
        .isThrownBy(() -> service.delete(id, Precondition.oneOf(Set.of(1L))));
    service.delete(id, Precondition.oneOf(Set.of(2L)));
    assertThatExceptionOfType(EntryNotFoundException.class).isThrownBy(() -> service.get(id));
  }

  @Test
  void aPatchMergesIntoTheStoredEntry() {
    String id = service.create(body("full"));

    long version =
        service.patch(
            id,
            json("{\"full_name\": \"Augusta Ada King\", \"fax_numbers\": null}"),
            Precondition.NONE);

    JsonNode expected = EntryFixtures.entry("full").toJson().deepCopy();
    ((ObjectNode) expected).put("full_name", "Augusta Ada King");
    ((ObjectNode) expected).remove("fax_numbers");
    assertThat(version).isEqualTo(2);
    assertThat(service.get(id).entry().toJson()).isEqualTo(expected);
  }

  @Test
  void aPatchThatWouldMakeTheEntryInvalidChangesNothing() {
    String id = service.create(body("full"));

    assertThatExceptionOfType(InvalidEntryException.class)
        .isThrownBy(() -> service.patch(id, json("{\"full_name\": null}"), Precondition.NONE))
        .satisfies(e -> assertThat(e.violations()).anyMatch(line -> line.contains("full_name")));
    assertThatExceptionOfType(InvalidEntryException.class)
        .isThrownBy(() -> service.patch(id, json("{\"colour\": \"red\"}"), Precondition.NONE));
    assertThatExceptionOfType(InvalidEntryException.class)
        .isThrownBy(() -> service.patch(id, json("[1]"), Precondition.NONE));
    assertThat(service.get(id)).isEqualTo(new VersionedEntry(EntryFixtures.entry("full"), 1));
  }

  @Test
  void aPatchHoldingTextNoStoreCanKeepChangesNothing() {
    String id = service.create(body("full"));

    assertThatExceptionOfType(UnstorableTextException.class)
        .isThrownBy(() -> service.patch(id, json("{\"city\": \"\\ud800\"}"), Precondition.NONE));
    assertThat(service.get(id).entry()).isEqualTo(EntryFixtures.entry("full"));
  }

  @ParameterizedTest
  @MethodSource("malformedIds")
  void aWriteToAMalformedIdIsRefusedBeforeItsDocumentIsRead(String id) {
    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(() -> service.requireWritable(id, Precondition.ANY));
    assertThat(store.calls).isEmpty();
  }

  @Test
  void aWriteWithoutARequiredConditionIsRefusedBeforeItsDocumentIsRead() {
    AddressBookService strict =
        new AddressBookService(
            store,
            validator,
            EntryId::generate,
            Clock.systemUTC(),
            BookPolicies.DEFAULTS.withRequireIfMatch(true));
    String id = "0123456789abcdef0123456789abcdef";

    assertThatExceptionOfType(PreconditionRequiredException.class)
        .isThrownBy(() -> strict.requireWritable(id, Precondition.NONE));
    strict.requireWritable(id, Precondition.ANY);
    service.requireWritable(id, Precondition.NONE);
    assertThat(store.calls).isEmpty();
  }

  @Test
  void aReadOnAVersionThatIsNoLongerStoredFailsAsAWriteWould() {
    String id = service.create(body("full"));
    long version = service.get(id).version();

    assertThat(service.get(id, Precondition.exactly(version)).version()).isEqualTo(version);
    assertThat(service.get(id, Precondition.ANY).version()).isEqualTo(version);
    assertThatExceptionOfType(VersionMismatchException.class)
        .isThrownBy(() -> service.get(id, Precondition.exactly(version + 1)));
  }

  @Test
  void aPatchOfAnUnknownOrMalformedIdFindsNothing() {
    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(
            () -> service.patch("0123456789abcdef0123456789abcdef", json("{}"), Precondition.NONE));
    assertThatExceptionOfType(EntryNotFoundException.class)
        .isThrownBy(() -> service.patch("../etc", json("{}"), Precondition.NONE));
  }

  @Test
  void aPatchOnAStaleVersionChangesNothing() {
    String id = service.create(body("minimal"));
    service.replace(id, body("full"), Precondition.NONE);

    assertThatExceptionOfType(VersionMismatchException.class)
        .isThrownBy(
            () ->
                service.patch(id, json("{\"full_name\": \"x\"}"), Precondition.oneOf(Set.of(1L))));
    assertThat(service.get(id).version()).isEqualTo(2);
  }

  @Test
  void whenIfMatchIsRequiredAWriteWithoutAConditionIsRefused() {
    AddressBookService strict =
        new AddressBookService(
            new MemoryStore(),
            validator,
            EntryId::generate,
            Clock.systemUTC(),
            BookPolicies.DEFAULTS.withRequireIfMatch(true));
    String id = strict.create(body("minimal"));

    assertThatExceptionOfType(PreconditionRequiredException.class)
        .isThrownBy(() -> strict.replace(id, body("full"), Precondition.NONE));
    assertThatExceptionOfType(PreconditionRequiredException.class)
        .isThrownBy(() -> strict.patch(id, json("{}"), Precondition.NONE));
    assertThatExceptionOfType(PreconditionRequiredException.class)
        .isThrownBy(() -> strict.delete(id, Precondition.NONE));
    assertThat(strict.replace(id, body("full"), Precondition.ANY)).isEqualTo(2);
    strict.delete(id, Precondition.oneOf(Set.of(2L)));
  }

  @Test
  void pagesNotYetAnsweredHoldTheMemoryPagesShareAndTheNextIsCutSooner() {
    long size = StoredDocuments.toBytes(EntryFixtures.entry("minimal")).length;
    AddressBookService paged =
        new AddressBookService(
            store,
            validator,
            EntryId::generate,
            Clock.systemUTC(),
            BookPolicies.DEFAULTS.withMaxPageBytes(3 * size).withPageMemory(3 * size));
    for (int i = 0; i < 6; i++) {
      paged.create(body("minimal"));
    }

    BookPage held = paged.list(PageQuery.FIRST);
    BookPage crowded = paged.list(PageQuery.FIRST);

    assertThat(held.entries()).hasSize(3);
    assertThat(crowded.entries()).as("only its first entry, which every page holds").hasSize(1);
    assertThat(crowded.nextAfter()).isPresent();
    held.close();
    crowded.close();
    assertThat(paged.pageMemory().free()).isEqualTo(3 * size);
    try (BookPage again = paged.list(PageQuery.FIRST)) {
      assertThat(again.entries()).hasSize(3);
    }
  }

  @Test
  void aPageThatFailsHalfWayGivesItsMemoryBack(@TempDir Path directory) throws IOException {
    AddressBookService onFiles =
        new AddressBookService(FileSystemStore.open(directory), validator, ids("a1", "a2"));
    onFiles.create(body("minimal"));
    onFiles.create(body("minimal"));
    Files.writeString(directory.resolve("a2.json"), "{ not an entry");

    assertThatExceptionOfType(StoreException.class).isThrownBy(() -> onFiles.list(PageQuery.FIRST));

    assertThat(onFiles.pageMemory().free()).isEqualTo(onFiles.pageMemory().capacity());
  }

  private static Supplier<String> ids(String... ids) {
    Iterator<String> next = List.of(ids).iterator();
    return next::next;
  }

  private static PageQuery search(String text) {
    return new PageQuery(OptionalInt.empty(), Optional.empty(), Optional.of(text));
  }

  private static JsonNode body(String fixture) {
    try {
      return ExactJson.READER.readTree(EntryFixtures.bytes(EntryFixtures.validEntryFile(fixture)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode invalidBody(String fixture) {
    return EntryFixtures.tree(EntryFixtures.invalidEntryFile(fixture)).get("entry");
  }

  private static JsonNode json(String document) {
    try {
      return ExactJson.READER.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A real store that also writes down which of its operations were called, with which id. */
  private static final class RecordingStore implements AddressBookStore {

    final List<String> calls = new ArrayList<>();
    private final AddressBookStore delegate;

    RecordingStore(AddressBookStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean create(String id, AddressEntry entry) {
      calls.add("create " + id);
      return delegate.create(id, entry);
    }

    @Override
    public Optional<IdempotencyRecord> createWithKey(
        IdempotencyRecord record, AddressEntry entry, Instant expiredBefore) {
      calls.add("createWithKey " + record.entryId());
      return delegate.createWithKey(record, entry, expiredBefore);
    }

    @Override
    public Optional<VersionedEntry> findVersioned(String id) {
      calls.add("find " + id);
      return delegate.findVersioned(id);
    }

    @Override
    public WriteResult replace(String id, AddressEntry entry, Precondition check) {
      calls.add("replace " + id);
      return delegate.replace(id, entry, check);
    }

    @Override
    public WriteResult delete(String id, Precondition check) {
      calls.add("delete " + id);
      return delegate.delete(id, check);
    }

    @Override
    public SortedMap<String, AddressEntry> list() {
      calls.add("list");
      return delegate.list();
    }

    @Override
    public StoreSlice page(PageRequest request) {
      calls.add("page");
      return delegate.page(request);
    }

    @Override
    public void ping() {
      calls.add("ping");
      delegate.ping();
    }
  }
}
