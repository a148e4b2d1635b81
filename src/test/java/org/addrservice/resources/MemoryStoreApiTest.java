package org.addrservice.resources;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class MemoryStoreApiTest extends AddressBookApiContract {

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class, Fixtures.path("config/memory.yml").toString());

  private static final DropwizardAppExtension<AddrServiceConfiguration> SMALL_PAGES_APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/memory.yml").toString(),
          SMALL_PAGES,
          ConfigOverride.config(SMALL_PAGES, "limits.maxPageBytes", SMALL_PAGE_BYTES));

  @Override
  protected DropwizardAppExtension<AddrServiceConfiguration> app() {
    return APP;
  }

  @Override
  protected DropwizardAppExtension<AddrServiceConfiguration> smallPagesApp() {
    return SMALL_PAGES_APP;
  }
}
