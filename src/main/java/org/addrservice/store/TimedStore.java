package org.addrservice.store;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.Optional;
import java.util.SortedMap;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryPage;
import org.addrservice.core.model.PageRequest;

/**
 * Any store, with every operation timed in the registry as {@code
 * addrservice.store.<type>.<operation>}. A call that throws is timed too: a store that fails slowly
 * is exactly what the timers are for.
 */
public final class TimedStore implements AddressBookStore {

  private final AddressBookStore store;
  private final Timer create;
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
  public Optional<AddressEntry> find(String id) {
    return find.timeSupplier(() -> store.find(id));
  }

  @Override
  public boolean replace(String id, AddressEntry entry) {
    return replace.timeSupplier(() -> store.replace(id, entry));
  }

  @Override
  public boolean delete(String id) {
    return delete.timeSupplier(() -> store.delete(id));
  }

  @Override
  public SortedMap<String, AddressEntry> list() {
    return list.timeSupplier(store::list);
  }

  @Override
  public EntryPage page(PageRequest request) {
    return page.timeSupplier(() -> store.page(request));
  }

  @Override
  public void ping() {
    ping.time(store::ping);
  }
}
