package org.addrservice.config;

import java.time.Clock;
import org.addrservice.core.AddressBookService;
import org.addrservice.core.BookPolicies;
import org.addrservice.core.EntryValidator;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.edge.LimitsFactory;

/**
 * Builds the address-book service on a store, with what the {@code limits:}, {@code idempotency:}
 * and {@code conditionalWrites:} sections set.
 */
public final class AddressBookServiceFactory {

  private AddressBookServiceFactory() {}

  public static AddressBookService build(
      AddressBookStore store,
      LimitsFactory limits,
      IdempotencyFactory idempotency,
      ConditionalWritesFactory conditionalWrites) {
    BookPolicies policies =
        new BookPolicies(
            idempotency.getWindow().toJavaDuration(),
            conditionalWrites.isRequireIfMatch(),
            limits.getMaxPageSize(),
            limits.getMaxPageBytes().toBytes(),
            limits.getPageMemory().toBytes());
    return new AddressBookService(
        store, new EntryValidator(), EntryId::generate, Clock.systemUTC(), policies);
  }
}
