package org.addrservice.store;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.PageRequest;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.StoreSlice;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.WriteResult;

/**
 * Any store, with every operation timed in the registry as {@code
 * addrservice.store.<type>.<operation>}. A call that throws is timed too: a store that fails slowly
 * is exactly what the timers are for.
 */
public final class TimedStore implements AddressBookStore {

  private final AddressBookStore store;
  private final Timer create;
  private final Timer createWithKey;
  private final Timer find;
  private final Timer replace;
  private final Timer delete;
  private final Timer list;
  private final Timer page;
  private final Timer ping;

  /**
   * @param type the store's type as configured ({@code sqlite}, {@code memory}...), which names its
   *     timers
   */
  public TimedStore(AddressBookStore store, String type, MetricRegistry metrics) {
    this.store = store;
    this.create = timer(metrics, type, "create");
    this.createWithKey = timer(metrics, type, "createWithKey");
    this.find = timer(metrics, type, "find");
    this.replace = timer(metrics, type, "replace");
    this.delete = timer(metrics, type, "delete");
    this.list = timer(metrics, type, "list");
    this.page = timer(metrics, type, "page");
    this.ping = timer(metrics, type, "ping");
  }

  private static Timer timer(MetricRegistry metrics, String type, String operation) {
    return metrics.timer(MetricRegistry.name("addrservice.store", type, operation));
  }

  @Override
  public boolean create(String id, AddressEntry entry) {
    return create.timeSupplier(() -> store.create(id, entry));
  }

  @Override
  public Optional<IdempotencyRecord> createWithKey(
      IdempotencyRecord record, AddressEntry entry, Instant expiredBefore) {
    return createWithKey.timeSupplier(() -> store.createWithKey(record, entry, expiredBefore));
  }

  @Override
  public Optional<VersionedEntry> findVersioned(String id) {
    return find.timeSupplier(() -> store.findVersioned(id));
  }

  @Override
  public WriteResult replace(String id, AddressEntry entry, Precondition check) {
    return replace.timeSupplier(() -> store.replace(id, entry, check));
  }

  @Override
  public WriteResult delete(String id, Precondition check) {
    return delete.timeSupplier(() -> store.delete(id, check));
  }

  @Override
  public SortedMap<String, AddressEntry> list() {
    return list.timeSupplier(store::list);
  }

  @Override
  public StoreSlice page(PageRequest request) {
    return page.timeSupplier(() -> store.page(request));
  }

  @Override
  public void ping() {
    ping.time(store::ping);
  }
}
