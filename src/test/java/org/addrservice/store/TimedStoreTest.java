package org.addrservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.addrservice.core.EntryFixtures;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.StoreSlice;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.core.port.WriteResult;
import org.addrservice.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;

/**
 * A timed store keeps every promise of the store it wraps (the contract runs on a timed memory
 * store) and counts each operation in its own timer.
 */
class TimedStoreTest extends AddressBookStoreContract {

  private final MetricRegistry metrics = new MetricRegistry();

  @Override
  protected AddressBookStore newStore() {
    return new TimedStore(new MemoryStore(), "memory", metrics);
  }

  @Test
  void everyOperationIsCountedInTheTimerNamedAfterStoreTypeAndOperation() {
    AddressEntry entry = EntryFixtures.entry("minimal");

    store.create("a1", entry);
    store.create("a2", entry);
    store.createWithKey(
        new IdempotencyRecord("k", "f", "a3", Instant.EPOCH), entry, Instant.EPOCH.minusSeconds(1));
    store.find("a1");
    store.replace("a1", entry);
    store.list();
    store.page(new PageRequest(Optional.empty(), 10, Long.MAX_VALUE, Optional.empty()));
    store.delete("a1");
    store.delete("a1");
    store.ping();

    assertThat(counts("memory"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "create", 2L,
                "createWithKey", 1L,
                "find", 1L,
                "replace", 1L,
                "list", 1L,
                "page", 1L,
                "delete", 2L,
                "ping", 1L));
  }

  @Test
  void everyTimerIsThereBeforeTheFirstCall() {
    assertThat(counts("memory"))
        .containsOnlyKeys(
            "create", "createWithKey", "find", "replace", "delete", "list", "page", "ping")
        .allSatisfy((operation, count) -> assertThat(count).isZero());
  }

  @Test
  void anOperationThatFailsIsCountedToo() {
    MetricRegistry registry = new MetricRegistry();
    AddressBookStore broken = new TimedStore(new UnusableStore(), "fs", registry);
    AddressEntry entry = EntryFixtures.entry("minimal");

    assertThatThrownBy(() -> broken.create("a1", entry)).isInstanceOf(StoreException.class);
    assertThatThrownBy(
            () ->
                broken.createWithKey(
                    new IdempotencyRecord("k", "f", "a1", Instant.EPOCH), entry, Instant.EPOCH))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> broken.find("a1")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> broken.replace("a1", entry)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> broken.delete("a1")).isInstanceOf(StoreException.class);
    assertThatThrownBy(broken::list).isInstanceOf(StoreException.class);
    assertThatThrownBy(
            () ->
                broken.page(new PageRequest(Optional.empty(), 1, Long.MAX_VALUE, Optional.empty())))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(broken::ping).isInstanceOf(StoreException.class);

    assertThat(registry.getTimers())
        .containsOnlyKeys(
            "addrservice.store.fs.create",
            "addrservice.store.fs.createWithKey",
            "addrservice.store.fs.find",
            "addrservice.store.fs.replace",
            "addrservice.store.fs.delete",
            "addrservice.store.fs.list",
            "addrservice.store.fs.page",
            "addrservice.store.fs.ping")
        .allSatisfy((name, timer) -> assertThat(timer.getCount()).as(name).isEqualTo(1));
  }

  private Map<String, Long> counts(String type) {
    String prefix = "addrservice.store." + type + ".";
    return metrics.getTimers((name, metric) -> name.startsWith(prefix)).entrySet().stream()
        .collect(
            Collectors.toMap(
                timer -> timer.getKey().substring(prefix.length()),
                timer -> timer.getValue().getCount()));
  }

  /** A store whose storage is gone: every operation fails. */
  private static final class UnusableStore implements AddressBookStore {

    @Override
    public boolean create(String id, AddressEntry entry) {
      throw unusable();
    }

    @Override
    public Optional<IdempotencyRecord> createWithKey(
        IdempotencyRecord record, AddressEntry entry, Instant expiredBefore) {
      throw unusable();
    }

    @Override
    public Optional<VersionedEntry> findVersioned(String id) {
      throw unusable();
    }

    @Override
    public WriteResult replace(String id, AddressEntry entry, Precondition check) {
      throw unusable();
    }

    @Override
    public WriteResult delete(String id, Precondition check) {
      throw unusable();
    }

    @Override
    public SortedMap<String, AddressEntry> list() {
      throw unusable();
    }

    @Override
    public StoreSlice page(PageRequest request) {
      throw unusable();
    }

    @Override
    public void ping() {
      throw unusable();
    }

    private static StoreException unusable() {
      return new StoreException("the storage is gone");
    }
  }
}
