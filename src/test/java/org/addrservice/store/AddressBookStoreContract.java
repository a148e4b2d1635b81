package org.addrservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.addrservice.core.EntryFixtures;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.StoreSlice;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.WriteResult;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link AddressBookStore} promises. A backend's test extends this class and says how to
 * open a fresh, empty store.
 */
public abstract class AddressBookStoreContract {

  private static final long TIMEOUT_SECONDS = 120;

  private static final int KIB = 1024;

  protected AddressBookStore store;

  /** A fresh, empty store; called once per test. */
  protected abstract AddressBookStore newStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  static Stream<Named<Path>> validFixtures() {
    return EntryFixtures.validEntryFiles().stream()
        .map(file -> Named.of(EntryFixtures.nameOf(file), file));
  }

  @Test
  void aFreshStoreIsEmpty() {
    assertThat(store.list()).isEmpty();
  }

  @Test
  void anEntryLivesThroughCreateFindReplaceAndDelete() {
    AddressEntry first = EntryFixtures.entry("minimal");
    AddressEntry second = EntryFixtures.entry("full");

    assertThat(store.create("a1", first)).isTrue();
    assertThat(store.find("a1")).contains(first);
    assertThat(store.list()).containsExactly(Map.entry("a1", first));

    assertThat(store.replace("a1", second)).isTrue();
    assertThat(store.find("a1")).contains(second);
    assertThat(store.list()).containsExactly(Map.entry("a1", second));

    assertThat(store.delete("a1")).isTrue();
    assertThat(store.find("a1")).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void createOnATakenIdAnswersFalseAndKeepsTheOriginal() {
    AddressEntry original = EntryFixtures.entry("minimal");
    assertThat(store.create("taken", original)).isTrue();

    assertThat(store.create("taken", EntryFixtures.entry("full"))).isFalse();

    assertThat(store.find("taken")).contains(original);
    assertThat(store.list()).containsOnlyKeys("taken");
  }

  @Test
  void versionsStartAtOneAndGrowByOneAtEveryReplace() {
    store.create("v1", entryNamed("first"));
    assertThat(store.findVersioned("v1")).hasValue(new VersionedEntry(entryNamed("first"), 1));

    assertThat(store.replace("v1", entryNamed("second"), Precondition.ANY))
        .isEqualTo(WriteResult.replaced(2));
    assertThat(store.replace("v1", entryNamed("third"), Precondition.exactly(2)))
        .isEqualTo(WriteResult.replaced(3));
    assertThat(store.findVersioned("v1")).hasValue(new VersionedEntry(entryNamed("third"), 3));
  }

  @Test
  void aReplaceOnAStaleVersionChangesNothing() {
    store.create("v2", entryNamed("first"));
    store.replace("v2", entryNamed("second"));

    assertThat(store.replace("v2", entryNamed("lost update"), Precondition.exactly(1)))
        .isEqualTo(WriteResult.VERSION_MISMATCH);
    assertThat(store.findVersioned("v2")).hasValue(new VersionedEntry(entryNamed("second"), 2));
  }

  @Test
  void aVersionCheckMayNameSeveralVersions() {
    store.create("v3", entryNamed("first"));

    assertThat(store.replace("v3", entryNamed("second"), Precondition.oneOf(Set.of(7L, 1L))))
        .isEqualTo(WriteResult.replaced(2));
    assertThat(store.replace("v3", entryNamed("third"), Precondition.oneOf(Set.of(1L, 3L))))
        .isEqualTo(WriteResult.VERSION_MISMATCH);
    assertThat(store.replace("v3", entryNamed("third"), Precondition.oneOf(Set.of())))
        .isEqualTo(WriteResult.VERSION_MISMATCH);
  }

  @Test
  void aDeleteOnAStaleVersionKeepsTheEntryAndOnTheCurrentOneRemovesIt() {
    store.create("v4", entryNamed("first"));
    store.replace("v4", entryNamed("second"));

    assertThat(store.delete("v4", Precondition.exactly(1))).isEqualTo(WriteResult.VERSION_MISMATCH);
    assertThat(store.findVersioned("v4")).hasValue(new VersionedEntry(entryNamed("second"), 2));
    assertThat(store.delete("v4", Precondition.exactly(2))).isEqualTo(WriteResult.DELETED);
    assertThat(store.findVersioned("v4")).isEmpty();
  }

  @Test
  void conditionalWritesToAMissingEntryFindNothing() {
    assertThat(store.replace("nobody", entryNamed("x"), Precondition.exactly(1)))
        .isEqualTo(WriteResult.NOT_FOUND);
    assertThat(store.delete("nobody", Precondition.exactly(1))).isEqualTo(WriteResult.NOT_FOUND);
    assertThat(store.replace("../x", entryNamed("x"), Precondition.exactly(1)))
        .isEqualTo(WriteResult.NOT_FOUND);
    assertThat(store.delete("../x", Precondition.ANY)).isEqualTo(WriteResult.NOT_FOUND);
  }

  @Test
  void concurrentReadModifyWritesLoseNoUpdate() throws Exception {
    store.create("counter", entryNamed("0"));
    int writers = 8;
    int attemptsEach = 25;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      tasks.add(
          () -> {
            start.await();
            int won = 0;
            for (int i = 0; i < attemptsEach; i++) {
              VersionedEntry seen = store.findVersioned("counter").orElseThrow();
              int count = Integer.parseInt(seen.entry().fullName());
              WriteResult result =
                  store.replace(
                      "counter",
                      entryNamed(Integer.toString(count + 1)),
                      Precondition.exactly(seen.version()));
              if (result.written()) {
                won++;
              }
            }
            return won;
          });
    }
    AtomicInteger successes = new AtomicInteger();
    runTogether(tasks, start).forEach(successes::addAndGet);

    VersionedEntry last = store.findVersioned("counter").orElseThrow();
    assertThat(successes.get()).isPositive();
    assertThat(last.entry().fullName()).isEqualTo(Integer.toString(successes.get()));
    assertThat(last.version()).isEqualTo(successes.get() + 1L);
  }

  @Test
  void anIdCanBeCreatedAgainAfterItsEntryWasDeleted() {
    assertThat(store.create("again", EntryFixtures.entry("minimal"))).isTrue();
    assertThat(store.delete("again")).isTrue();

    assertThat(store.create("again", EntryFixtures.entry("full"))).isTrue();

    assertThat(store.find("again")).contains(EntryFixtures.entry("full"));
  }

  @Test
  void findOfUnknownIdAnswersEmpty() {
    store.create("known", EntryFixtures.entry("minimal"));

    assertThat(store.find("unknown")).isEmpty();
  }

  @Test
  void replaceOfUnknownIdAnswersFalseAndStoresNothing() {
    store.create("known", EntryFixtures.entry("minimal"));

    assertThat(store.replace("unknown", EntryFixtures.entry("full"))).isFalse();

    assertThat(store.find("unknown")).isEmpty();
    assertThat(store.list()).containsExactly(Map.entry("known", EntryFixtures.entry("minimal")));
  }

  @Test
  void deleteOfUnknownIdAnswersFalseAndDeletesNothing() {
    store.create("known", EntryFixtures.entry("minimal"));

    assertThat(store.delete("unknown")).isFalse();

    assertThat(store.list()).containsOnlyKeys("known");
  }

  @Test
  void deleteAnswersTrueOnlyOnce() {
    store.create("once", EntryFixtures.entry("minimal"));

    assertThat(store.delete("once")).isTrue();
    assertThat(store.delete("once")).isFalse();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"../x", "a/b", "", "..", ".", "x/../x", "a.b", "/x", "a b", "x\u0000"})
  void aMalformedIdNamesNoEntry(String id) {
    AddressEntry x = EntryFixtures.entry("minimal");
    AddressEntry b = EntryFixtures.entry("unicode-latin");
    store.create("x", x);
    store.create("b", b);

    assertThat(store.find(id)).isEmpty();
    assertThat(store.replace(id, EntryFixtures.entry("full"))).isFalse();
    assertThat(store.delete(id)).isFalse();

    assertThat(store.list()).containsExactly(Map.entry("b", b), Map.entry("x", x));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"../x", "a/b", "..", "a.b", "a b", "zoë"})
  void createWithAMalformedIdThrowsIllegalArgumentAndStoresNothing(String id) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> store.create(id, EntryFixtures.entry("minimal")));

    assertThat(store.list()).isEmpty();
  }

  @Test
  void createAcceptsAnIdOfTheMaximumLength() {
    String id = "a".repeat(128);

    assertThat(store.create(id, EntryFixtures.entry("minimal"))).isTrue();

    assertThat(store.find(id)).contains(EntryFixtures.entry("minimal"));
  }

  @Test
  void listIsOrderedById() {
    List<String> ids =
        new ArrayList<>(
            List.of(
                "f0e1d2c3b4a5968778695a4b3c2d1e0f",
                "00000000000000000000000000000001",
                "b",
                "a-2",
                "a",
                "Z9",
                "7",
                "-x",
                "0123456789abcdef0123456789abcdef"));
    Collections.shuffle(ids, new Random(42));
    for (String id : ids) {
      assertThat(store.create(id, entryNamed(id))).isTrue();
    }

    SortedMap<String, AddressEntry> listed = store.list();

    assertThat(listed.keySet()).containsExactlyElementsOf(new TreeSet<>(ids));
    listed.forEach((id, entry) -> assertThat(entry).isEqualTo(entryNamed(id)));
  }

  @Test
  void listIsASnapshot() {
    store.create("a", EntryFixtures.entry("minimal"));
    store.create("b", EntryFixtures.entry("full"));
    SortedMap<String, AddressEntry> snapshot = store.list();

    store.create("c", EntryFixtures.entry("empty-arrays"));
    store.replace("a", EntryFixtures.entry("unicode-latin"));
    store.delete("b");

    assertThat(snapshot)
        .containsExactly(
            Map.entry("a", EntryFixtures.entry("minimal")),
            Map.entry("b", EntryFixtures.entry("full")));
  }

  @Test
  void changingAListedMapDoesNotChangeTheStore() {
    store.create("a", EntryFixtures.entry("minimal"));
    SortedMap<String, AddressEntry> listed = store.list();

    try {
      listed.put("z", EntryFixtures.entry("full"));
      listed.remove("a");
    } catch (UnsupportedOperationException readOnly) {
      // An unmodifiable listing is just as good.
    }

    assertThat(store.list()).containsExactly(Map.entry("a", EntryFixtures.entry("minimal")));
    assertThat(store.find("z")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("validFixtures")
  void everyFixtureComesBackExactlyAsStored(Path file) {
    AddressEntry entry = AddressEntry.of(EntryFixtures.tree(file));

    assertThat(store.create("fixture", entry)).isTrue();

    Optional<AddressEntry> found = store.find("fixture");
    assertThat(found).contains(entry);
    assertThat(found.orElseThrow().toJson().toString()).isEqualTo(entry.toJson().toString());
    assertThat(store.list()).containsExactly(Map.entry("fixture", entry));
  }

  @ParameterizedTest
  @MethodSource("validFixtures")
  void everyFixtureComesBackExactlyAsReplaced(Path file) {
    AddressEntry entry = AddressEntry.of(EntryFixtures.tree(file));
    store.create("fixture", EntryFixtures.entry("minimal"));

    assertThat(store.replace("fixture", entry)).isTrue();

    assertThat(store.find("fixture")).contains(entry);
    assertThat(store.find("fixture").orElseThrow().toJson().toString())
        .isEqualTo(entry.toJson().toString());
  }

  @Test
  void pingSucceedsOnAFreshStore() {
    assertThatCode(store::ping).doesNotThrowAnyException();
  }

  @Test
  void pingChangesNoEntry() {
    store.create("a", EntryFixtures.entry("minimal"));

    store.ping();

    assertThat(store.list()).containsExactly(Map.entry("a", EntryFixtures.entry("minimal")));
  }

  @Test
  void concurrentCreatesAndReplacesLoseNothing() throws Exception {
    int threads = 8;
    int entriesPerThread = 50;
    int replaces = 5;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Map<String, AddressEntry>>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(
          () -> {
            start.await();
            Map<String, AddressEntry> lastWritten = new HashMap<>();
            for (int i = 0; i < entriesPerThread; i++) {
              String id = "t" + thread + "-" + i;
              AddressEntry entry = entryNamed(id + " v0");
              assertThat(store.create(id, entry)).as(id).isTrue();
              lastWritten.put(id, entry);
            }
            for (int version = 1; version <= replaces; version++) {
              for (int i = 0; i < entriesPerThread; i++) {
                String id = "t" + thread + "-" + i;
                AddressEntry entry = entryNamed(id + " v" + version);
                assertThat(store.replace(id, entry)).as(id).isTrue();
                lastWritten.put(id, entry);
              }
            }
            return lastWritten;
          });
    }

    Map<String, AddressEntry> expected = new HashMap<>();
    for (Map<String, AddressEntry> written : runTogether(tasks, start)) {
      expected.putAll(written);
    }

    assertThat(expected).hasSize(threads * entriesPerThread);
    SortedMap<String, AddressEntry> listed = store.list();
    assertThat(listed)
        .hasSize(threads * entriesPerThread)
        .containsExactlyInAnyOrderEntriesOf(expected);
    expected.forEach((id, entry) -> assertThat(store.find(id)).as(id).contains(entry));
  }

  @Test
  void concurrentCreatesOfOneIdHaveExactlyOneWinner() throws Exception {
    int threads = 8;
    int ids = 50;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Map<String, AddressEntry>>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(
          () -> {
            start.await();
            Map<String, AddressEntry> won = new HashMap<>();
            for (int i = 0; i < ids; i++) {
              AddressEntry entry = entryNamed("id" + i + " by thread " + thread);
              if (store.create("id" + i, entry)) {
                won.put("id" + i, entry);
              }
            }
            return won;
          });
    }

    Map<String, AddressEntry> winners = new HashMap<>();
    for (Map<String, AddressEntry> won : runTogether(tasks, start)) {
      for (Map.Entry<String, AddressEntry> win : won.entrySet()) {
        assertThat(winners.put(win.getKey(), win.getValue())).as(win.getKey()).isNull();
      }
    }

    assertThat(winners).hasSize(ids);
    assertThat(store.list()).containsExactlyInAnyOrderEntriesOf(winners);
  }

  @Test
  void aConcurrentReplaceNeverResurrectsADeletedEntry() throws Exception {
    int ids = 200;
    int replacers = 3;
    List<String> allIds = new ArrayList<>();
    for (int i = 0; i < ids; i++) {
      allIds.add("r" + i);
      assertThat(store.create("r" + i, entryNamed("r" + i + " original"))).isTrue();
    }
    // Every replacer hammers the one id the deleter is about to delete, so that deletes land in
    // the middle of replaces rather than between them.
    AtomicInteger target = new AtomicInteger();
    AtomicLong replaces = new AtomicLong();
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Set<String>>> tasks = new ArrayList<>();
    for (int r = 0; r < replacers; r++) {
      int replacer = r;
      tasks.add(
          () -> {
            start.await();
            while (!done.get()) {
              String id = allIds.get(target.get());
              store.replace(id, entryNamed(id + " by replacer " + replacer));
              replaces.incrementAndGet();
            }
            return Set.of();
          });
    }
    tasks.add(
        () -> {
          start.await();
          Set<String> deleted = new TreeSet<>();
          try {
            for (int i = 0; i < ids; i++) {
              target.set(i);
              long wanted = replaces.get() + 2L * replacers;
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
              while (replaces.get() < wanted) {
                assertThat(System.nanoTime() - deadline).as("replacers stalled").isNegative();
                Thread.onSpinWait();
              }
              if (store.delete(allIds.get(i))) {
                deleted.add(allIds.get(i));
              }
            }
          } finally {
            done.set(true);
          }
          return deleted;
        });

    Set<String> deleted = new TreeSet<>();
    for (Set<String> deletedByTask : runTogether(tasks, start)) {
      deleted.addAll(deletedByTask);
    }

    assertThat(deleted)
        .as("ids whose delete answered true")
        .containsExactlyElementsOf(new TreeSet<>(allIds));
    for (String id : allIds) {
      assertThat(store.find(id)).as("%s after its delete", id).isEmpty();
    }
    assertThat(store.list()).isEmpty();
  }

  @Test
  void aConcurrentFindSeesTheOldOrTheNewEntryNeverAnythingElse() throws Exception {
    AddressEntry small = EntryFixtures.entry("minimal");
    AddressEntry large = EntryFixtures.entry("full");
    store.create("flip", small);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Set<AddressEntry>>> tasks = new ArrayList<>();
    tasks.add(
        () -> {
          start.await();
          for (int i = 0; i < 200; i++) {
            assertThat(store.replace("flip", i % 2 == 0 ? large : small)).isTrue();
          }
          return Set.of();
        });
    for (int r = 0; r < 3; r++) {
      tasks.add(
          () -> {
            start.await();
            Set<AddressEntry> seen = new HashSet<>();
            for (int i = 0; i < 500; i++) {
              seen.add(store.find("flip").orElseThrow());
            }
            return seen;
          });
    }

    for (Set<AddressEntry> seen : runTogether(tasks, start)) {
      assertThat(seen).isSubsetOf(small, large);
    }
    assertThat(store.find("flip")).contains(small);
  }

  // ---- creates with an idempotency key ----------------------------------------------------------

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration WINDOW = Duration.ofHours(24);

  /** A record created at {@code createdAt}, named so that it tells which call made it. */
  protected static IdempotencyRecord keyRecord(
      String key, String fingerprint, String entryId, Instant createdAt) {
    return new IdempotencyRecord(key, fingerprint, entryId, createdAt);
  }

  /** Calls createWithKey as the service does at {@code now}, with a 24-hour window. */
  protected Optional<IdempotencyRecord> createWithKey(
      IdempotencyRecord record, AddressEntry entry, Instant now) {
    return store.createWithKey(record, entry, now.minus(WINDOW));
  }

  @Test
  void createWithANewKeyStoresTheEntryAndAnswersTheGivenRecord() {
    IdempotencyRecord record = keyRecord("key-1", "f1", "k1", T0);

    assertThat(createWithKey(record, EntryFixtures.entry("full"), T0)).contains(record);

    assertThat(store.list()).containsExactly(Map.entry("k1", EntryFixtures.entry("full")));
  }

  @Test
  void createWithAKnownKeyAnswersTheFirstRecordAndStoresNothing() {
    createWithKey(keyRecord("key-1", "f1", "k1", T0), EntryFixtures.entry("full"), T0);

    Optional<IdempotencyRecord> second =
        createWithKey(
            keyRecord("key-1", "f2", "k2", T0.plusSeconds(60)),
            EntryFixtures.entry("minimal"),
            T0.plusSeconds(60));

    assertThat(second).hasValueSatisfying(held -> assertThat(held.entryId()).isEqualTo("k1"));
    assertThat(second.orElseThrow().fingerprint()).isEqualTo("f1");
    assertThat(second.orElseThrow().createdAt()).isEqualTo(T0);
    assertThat(store.list()).containsExactly(Map.entry("k1", EntryFixtures.entry("full")));
  }

  @Test
  void keysAreToldApartExactly() {
    createWithKey(keyRecord("key-1", "f1", "k1", T0), EntryFixtures.entry("full"), T0);

    assertThat(createWithKey(keyRecord("KEY-1", "f1", "k2", T0), EntryFixtures.entry("full"), T0))
        .hasValueSatisfying(held -> assertThat(held.entryId()).isEqualTo("k2"));
    assertThat(createWithKey(keyRecord("key-1 ", "f1", "k3", T0), EntryFixtures.entry("full"), T0))
        .hasValueSatisfying(held -> assertThat(held.entryId()).isEqualTo("k3"));
    assertThat(store.list()).containsOnlyKeys("k1", "k2", "k3");
  }

  @Test
  void aKeyIsKnownUntilTheWindowEndsThenReplaced() {
    createWithKey(keyRecord("key-1", "f1", "k1", T0), EntryFixtures.entry("full"), T0);
    Instant lastMoment = T0.plus(WINDOW).minusMillis(1);

    assertThat(
            createWithKey(
                keyRecord("key-1", "f2", "k2", lastMoment),
                EntryFixtures.entry("minimal"),
                lastMoment))
        .hasValueSatisfying(held -> assertThat(held.entryId()).isEqualTo("k1"));

    IdempotencyRecord fresh = keyRecord("key-1", "f2", "k3", T0.plus(WINDOW));
    assertThat(createWithKey(fresh, EntryFixtures.entry("minimal"), T0.plus(WINDOW)))
        .contains(fresh);
    assertThat(store.list()).containsOnlyKeys("k1", "k3");
    assertThat(
            createWithKey(
                keyRecord("key-1", "f3", "k4", T0.plus(WINDOW).plusSeconds(1)),
                EntryFixtures.entry("full"),
                T0.plus(WINDOW).plusSeconds(1)))
        .hasValueSatisfying(held -> assertThat(held.entryId()).isEqualTo("k3"));
  }

  @Test
  void aKeyOutlivesTheEntryItCreated() {
    createWithKey(keyRecord("key-1", "f1", "k1", T0), EntryFixtures.entry("full"), T0);
    assertThat(store.delete("k1")).isTrue();

    assertThat(createWithKey(keyRecord("key-1", "f1", "k2", T0), EntryFixtures.entry("full"), T0))
        .hasValueSatisfying(held -> assertThat(held.entryId()).isEqualTo("k1"));

    assertThat(store.list()).isEmpty();
  }

  @Test
  void createWithANewKeyOnATakenIdAnswersEmptyAndLeavesTheKeyUnknown() {
    store.create("taken", EntryFixtures.entry("minimal"));

    assertThat(
            createWithKey(keyRecord("key-1", "f1", "taken", T0), EntryFixtures.entry("full"), T0))
        .isEmpty();
    assertThat(store.find("taken")).contains(EntryFixtures.entry("minimal"));

    IdempotencyRecord retry = keyRecord("key-1", "f1", "free", T0);
    assertThat(createWithKey(retry, EntryFixtures.entry("full"), T0)).contains(retry);
    assertThat(store.list()).containsOnlyKeys("free", "taken");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/b", "", "a.b"})
  void createWithKeyAndAMalformedIdThrowsIllegalArgumentAndStoresNothing(String id) {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> createWithKey(keyRecord("key-1", "f1", id, T0), EntryFixtures.entry("full"), T0));

    assertThat(store.list()).isEmpty();
  }

  @Test
  void aKeyMayHoldAnyVisibleCharacter() {
    String key = "../../etc/passwd?*\\:\"<>|" + "~".repeat(230);
    IdempotencyRecord record = keyRecord(key, "f1", "k1", T0);

    assertThat(createWithKey(record, EntryFixtures.entry("full"), T0)).contains(record);
    assertThat(createWithKey(keyRecord(key, "f2", "k2", T0), EntryFixtures.entry("full"), T0))
        .hasValueSatisfying(held -> assertThat(held.key()).isEqualTo(key));
    assertThat(store.list()).containsOnlyKeys("k1");
  }

  @Test
  void concurrentCreatesWithOneKeyStoreExactlyOneEntry() throws Exception {
    int threads = 8;
    int keys = 20;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Map<String, String>>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(
          () -> {
            start.await();
            Map<String, String> answered = new HashMap<>();
            for (int k = 0; k < keys; k++) {
              IdempotencyRecord mine = keyRecord("key-" + k, "f", "k" + k + "-t" + thread, T0);
              answered.put(
                  "key-" + k, createWithKey(mine, entryNamed("k" + k), T0).orElseThrow().entryId());
            }
            return answered;
          });
    }

    List<Map<String, String>> answers = runTogether(tasks, start);

    SortedMap<String, AddressEntry> listed = store.list();
    assertThat(listed).hasSize(keys);
    for (int k = 0; k < keys; k++) {
      Set<String> idsAnswered = new HashSet<>();
      for (Map<String, String> answered : answers) {
        idsAnswered.add(answered.get("key-" + k));
      }
      assertThat(idsAnswered).as("key-%s", k).hasSize(1);
      assertThat(listed).containsEntry(idsAnswered.iterator().next(), entryNamed("k" + k));
    }
  }

  // ---- pages and name search -------------------------------------------------------------------

  @Test
  void aPageOfAnEmptyStoreIsEmptyWithNoMore() {
    StoreSlice page = store.page(firstPage(10));

    assertThat(page.entries()).isEmpty();
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void walkingThePagesYieldsEveryEntryOnceInIdOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      ids.add(EntryId.generate());
    }
    for (String id : ids) {
      assertThat(store.create(id, entryNamed("Walker " + id))).isTrue();
    }

    List<StoreSlice> pages = walk(5, Optional.empty(), () -> {});

    assertThat(pages).hasSize(5);
    assertThat(pages.subList(0, 4)).allSatisfy(page -> assertThat(page.entries()).hasSize(5));
    assertThat(pages.subList(0, 4)).allSatisfy(page -> assertThat(page.hasMore()).isTrue());
    assertThat(pages.get(4).entries()).hasSize(3);
    assertThat(pages.get(4).hasMore()).isFalse();
    List<String> walked = idsOf(pages);
    assertThat(walked).containsExactlyElementsOf(new TreeSet<>(ids));
    pages.forEach(
        page ->
            page.entries()
                .forEach((id, entry) -> assertThat(entry).isEqualTo(entryNamed("Walker " + id))));
  }

  @Test
  void pagesFollowTheOrderOfTheIdsCharacterByCharacter() {
    List<String> ids =
        List.of("-x", "0", "7", "Z9", "a", "a-2", "b", "f0e1d2c3b4a5968778695a4b3c2d1e0f");
    for (String id : ids) {
      store.create(id, entryNamed(id));
    }

    assertThat(idsOf(walk(2, Optional.empty(), () -> {}))).containsExactlyElementsOf(ids);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 6})
  void aPageThatEndsExactlyAtTheLastEntryHasNoMore(int limit) {
    for (String id : List.of("a", "b", "c", "d", "e", "f")) {
      store.create(id, entryNamed(id));
    }

    List<StoreSlice> pages = walk(limit, Optional.empty(), () -> {});

    assertThat(pages).hasSize(6 / limit);
    assertThat(pages.get(pages.size() - 1).hasMore()).isFalse();
    assertThat(idsOf(pages)).containsExactly("a", "b", "c", "d", "e", "f");
  }

  @Test
  void aPageStartsAfterItsCursorEvenWhenTheCursorsEntryIsGone() {
    for (String id : List.of("a", "b", "c", "d")) {
      store.create(id, entryNamed(id));
    }
    store.delete("b");

    StoreSlice page =
        store.page(new PageRequest(Optional.of("b"), 10, Long.MAX_VALUE, Optional.empty()));

    assertThat(page.entries()).containsOnlyKeys("c", "d");
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void writesDuringAWalkNeverRepeatOrHideAnEntryThatStaysThroughout() throws Exception {
    SortedSet<String> original = new TreeSet<>();
    for (int i = 0; i < 40; i++) {
      String id = EntryId.generate();
      original.add(id);
      store.create(id, entryNamed("Stays " + id));
    }
    AtomicBoolean walking = new AtomicBoolean(true);
    AtomicInteger written = new AtomicInteger();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes =
          writer.submit(
              () -> {
                // Bounded, so that the walk ends however fast the writer is.
                while (walking.get() && written.get() < 300) {
                  String id = EntryId.generate();
                  store.create(id, entryNamed("Comes and goes " + id));
                  if (written.incrementAndGet() % 2 == 0) {
                    store.delete(id);
                  }
                }
              });
      // Between pages, also add ids on both sides of the cursor for certain.
      AtomicInteger turn = new AtomicInteger();
      List<StoreSlice> pages =
          walk(
              3,
              Optional.empty(),
              () -> {
                String low = String.format("0%03d", turn.get());
                String high = String.format("z%03d", turn.getAndIncrement());
                store.create(low, entryNamed("Before the cursor"));
                store.create(high, entryNamed("After the cursor"));
              });
      walking.set(false);
      writes.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

      List<String> walked = idsOf(pages);
      assertThat(walked).doesNotHaveDuplicates().isSorted();
      assertThat(walked).containsAll(original);
      assertThat(walked).contains("z000", String.format("z%03d", turn.get() - 1));
      assertThat(walked).doesNotContain("0000");
    } finally {
      walking.set(false);
      writer.shutdownNow();
    }
  }

  static Stream<Arguments> searches() {
    JsonNode searches = Fixtures.json("search/names.json").get("searches");
    return searches.properties().stream()
        .map(search -> Arguments.of(search.getKey(), texts(search.getValue())));
  }

  @ParameterizedTest
  @MethodSource("searches")
  void aSearchMatchesFoldedSubstringsOfTheFullNameOnEveryStore(
      String query, List<String> expected) {
    List<String> names = texts(Fixtures.json("search/names.json").get("names"));
    for (int i = 0; i < names.size(); i++) {
      store.create(String.format("n%02d", i), entryNamed(names.get(i)));
    }

    StoreSlice page =
        store.page(new PageRequest(Optional.empty(), 100, Long.MAX_VALUE, Optional.of(query)));

    assertThat(page.entries().values())
        .extracting(AddressEntry::fullName)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void aSearchWalksPageByPageOverTheMatchesOnly() {
    for (int i = 0; i < 12; i++) {
      store.create(String.format("p%02d", i), entryNamed(i % 3 == 0 ? "Pure Match " + i : "Other"));
    }

    List<StoreSlice> pages = walk(1, Optional.of("PURE match"), () -> {});

    assertThat(idsOf(pages)).containsExactly("p00", "p03", "p06", "p09");
    assertThat(pages).hasSize(4);
    assertThat(pages.get(3).hasMore()).isFalse();
  }

  @Test
  void aSearchFindsMatchesFarApartInABigBook() {
    List<String> matching = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String id = String.format("q%03d", i);
      boolean match = i % 97 == 5;
      store.create(id, entryNamed(match ? "Rare Name " + i : "Common Name " + i));
      if (match) {
        matching.add(id);
      }
    }

    List<StoreSlice> pages = walk(2, Optional.of("rare"), () -> {});

    assertThat(idsOf(pages)).containsExactlyElementsOf(matching);
    assertThat(pages).hasSize(3);
    assertThat(pages.get(2).hasMore()).isFalse();
  }

  @Test
  void aPageEndsBeforeTheEntryThatWouldTakeItPastItsBytesAndTheNextGoesOn() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(String.format("b%02d", i));
      store.create(ids.get(i), entryOfNameLength("Bulky " + i, KIB));
    }

    // Three entries of about 1 KiB fit in a page, whichever way a store counts its bytes.
    List<StoreSlice> pages = walk(100, 3_500, Optional.empty());

    assertThat(pages).extracting(page -> page.entries().size()).containsExactly(3, 3, 3, 1);
    assertThat(pages).extracting(StoreSlice::hasMore).containsExactly(true, true, true, false);
    assertThat(idsOf(pages)).containsExactlyElementsOf(ids);
  }

  @Test
  void anEntryLargerThanAPageMakesAPageOfItsOwn() {
    store.create("a1", entryNamed("Small 1"));
    store.create("a2", entryOfNameLength("Large 2", 5 * KIB));
    store.create("a3", entryOfNameLength("Large 3", 5 * KIB));
    store.create("a4", entryNamed("Small 4"));

    List<StoreSlice> pages = walk(100, KIB, Optional.empty());

    assertThat(pages).extracting(page -> page.entries().size()).containsExactly(1, 1, 1, 1);
    assertThat(idsOf(pages)).containsExactly("a1", "a2", "a3", "a4");
    assertThat(pages.get(1).entries().get("a2").fullName()).hasSize(5 * KIB);
  }

  @Test
  void aSearchCountsTheBytesOfItsMatchesOnly() {
    List<String> matching = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String id = String.format("c%02d", i);
      if (i % 2 == 0) {
        matching.add(id);
        store.create(id, entryOfNameLength("Match " + i, KIB));
      } else {
        store.create(id, entryOfNameLength("Other " + i, 5 * KIB));
      }
    }

    List<StoreSlice> pages = walk(100, 3_500, Optional.of("match"));

    assertThat(pages).extracting(page -> page.entries().size()).containsExactly(3, 3);
    assertThat(idsOf(pages)).containsExactlyElementsOf(matching);
  }

  @Test
  void theCountLimitStillCutsAPageOfSmallEntries() {
    for (int i = 0; i < 5; i++) {
      store.create("d" + i, entryNamed("Small " + i));
    }

    List<StoreSlice> pages = walk(2, 1_000_000, Optional.empty());

    assertThat(pages).extracting(page -> page.entries().size()).containsExactly(2, 2, 1);
  }

  private static PageRequest firstPage(int limit) {
    return new PageRequest(Optional.empty(), limit, Long.MAX_VALUE, Optional.empty());
  }

  /** Reads every page from the first, running {@code betweenPages} after each but the last. */
  private List<StoreSlice> walk(int limit, Optional<String> search, Runnable betweenPages) {
    List<StoreSlice> pages = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (true) {
      StoreSlice page = store.page(new PageRequest(after, limit, Long.MAX_VALUE, search));
      pages.add(page);
      assertThat(pages).as("pages of a book that is not growing without end").hasSizeLessThan(200);
      if (!page.hasMore()) {
        return pages;
      }
      assertThat(page.entries()).hasSize(limit);
      after = Optional.of(page.entries().lastKey());
      betweenPages.run();
    }
  }

  /**
   * Reads every page from the first, each of at most {@code limit} entries and {@code maxBytes}.
   */
  private List<StoreSlice> walk(int limit, long maxBytes, Optional<String> search) {
    List<StoreSlice> pages = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (true) {
      StoreSlice page = store.page(new PageRequest(after, limit, maxBytes, search));
      pages.add(page);
      assertThat(pages).as("pages of a book that is not growing without end").hasSizeLessThan(200);
      if (!page.hasMore()) {
        return pages;
      }
      assertThat(page.entries()).as("a page that leads on is not empty").isNotEmpty();
      after = Optional.of(page.entries().lastKey());
    }
  }

  private static List<String> idsOf(List<StoreSlice> pages) {
    List<String> ids = new ArrayList<>();
    pages.forEach(page -> ids.addAll(page.entries().keySet()));
    return ids;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  /** An entry whose full name tells it apart from every other; stored the same by every store. */
  protected static AddressEntry entryNamed(String fullName) {
    ObjectNode document = EntryFixtures.entry("full").toJson();
    document.put("full_name", fullName);
    return AddressEntry.of(document);
  }

  /**
   * An entry of nothing but a full name of {@code length} characters, starting with {@code name}.
   */
  private static AddressEntry entryOfNameLength(String name, int length) {
    ObjectNode document = EntryFixtures.entry("minimal").toJson();
    document.put("full_name", name + "x".repeat(length - name.length()));
    return AddressEntry.of(document);
  }

  /** Starts every task at once, then waits (bounded) for all of them and answers their results. */
  private static <T> List<T> runTogether(List<Callable<T>> tasks, CountDownLatch start)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
  }
}
