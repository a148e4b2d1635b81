package org.addrservice;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.addrservice.core.AddressBookService;
import org.addrservice.core.EntryReader;
import org.addrservice.core.EntryValidator;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.StoreFactory;
import org.addrservice.store.sql.SqliteStoreFactory;

/**
 * The YAML configuration. Besides Dropwizard's {@code server:} and {@code logging:} sections it has
 * {@code store:} (which backend keeps the entries) and {@code limits:} (what a request may carry).
 * Every value has a safe default: without a {@code server:} section both connectors listen on
 * 127.0.0.1 only.
 */
public class AddrServiceConfiguration extends Configuration {

  @Valid @NotNull private StoreFactory store = new SqliteStoreFactory();

  @Valid @NotNull private Limits limits = new Limits();

  public AddrServiceConfiguration() {
    HttpConnectorFactory application = localConnector(8080);
    HttpConnectorFactory admin = localConnector(8081);
    DefaultServerFactory server = new DefaultServerFactory();
    server.setApplicationConnectors(List.of(application));
    server.setAdminConnectors(List.of(admin));
    setServerFactory(server);
  }

  private static HttpConnectorFactory localConnector(int port) {
    HttpConnectorFactory connector = new HttpConnectorFactory();
    connector.setBindHost("127.0.0.1");
    connector.setPort(port);
    return connector;
  }

  @JsonProperty
  public StoreFactory getStore() {
    return store;
  }

  @JsonProperty
  public void setStore(StoreFactory store) {
    this.store = store;
  }

  @JsonProperty
  public Limits getLimits() {
    return limits;
  }

  @JsonProperty
  public void setLimits(Limits limits) {
    this.limits = limits;
  }

  /**
   * The database the {@code db} commands (migrate, status, ...) work on.
   *
   * @throws IllegalStateException when the configured store has no database
   */
  public PooledDataSourceFactory databaseForMigrations() {
    return store
        .database()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the db commands need a SQL store (store.type: sqlite or postgres), not "
                        + store.type()));
  }

  /** The address-book service on top of {@code store}, with the configured limits. */
  public AddressBookService buildAddressBookService(AddressBookStore store) {
    EntryReader reader =
        new EntryReader(new EntryValidator(), Math.toIntExact(limits.getMaxBodySize().toBytes()));
    return new AddressBookService(store, reader);
  }

  /** The {@code limits:} section: how much a single request may carry. */
  public static class Limits {

    @NotNull
    @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
    @MaxDataSize(value = 16, unit = DataSizeUnit.MEBIBYTES)
    private DataSize maxBodySize = DataSize.kibibytes(64);

    @JsonProperty
    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    @JsonProperty
    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }
  }
}
