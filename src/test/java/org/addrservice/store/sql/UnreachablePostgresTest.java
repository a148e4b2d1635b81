package org.addrservice.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.addrservice.core.EntryFixtures;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.testing.Configs;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL store whose server cannot be reached fails with {@link StoreException}, and fails
 * within the driver's timeouts rather than hanging. Needs no PostgreSQL server: the "servers" here
 * are a closed port and a port that accepts connections but never answers.
 */
class UnreachablePostgresTest {

  /** The driver's connect and read timeouts, in seconds, as the configuration sets them. */
  private static final int DRIVER_TIMEOUT_SECONDS = 1;

  /** Comfortably more than the timeouts add up to, far less than an unbounded wait. */
  private static final java.time.Duration FAIL_FAST = java.time.Duration.ofSeconds(8);

  private final List<LifeCycle> started = new ArrayList<>();

  @AfterEach
  void stopThePools() throws Exception {
    for (LifeCycle managed : started) {
      managed.stop();
    }
  }

  @Test
  void pingOnAClosedPortThrowsStoreExceptionAtOnce() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    AddressBookStore store = storeOn(closedPort);

    long start = System.nanoTime();
    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(store::ping)
        .withMessageContaining("postgres database is unavailable");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAIL_FAST);
  }

  @Test
  void everyOperationOnASilentServerThrowsStoreExceptionWithinTheDriverTimeouts() throws Exception {
    // Listening but never accepting: the kernel completes the TCP handshake, then nothing answers
    // the driver's start-up message, as with a server that hangs or a network that drops packets.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AddressBookStore store = storeOn(silent.getLocalPort());

      Map<String, Runnable> operations =
          Map.of(
              "ping",
              store::ping,
              "find",
              () -> store.find("a"),
              "create",
              () -> store.create("a", EntryFixtures.entry("minimal")),
              "list",
              store::list);
      operations.forEach(
          (name, operation) -> {
            long start = System.nanoTime();
            assertThatExceptionOfType(StoreException.class).as(name).isThrownBy(operation::run);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                .as(name)
                .isLessThan(FAIL_FAST);
          });
    }
  }

  @Test
  void thePostgresStoreDoesNotMigrateOnStartByDefault() {
    PostgresStoreFactory defaults = new PostgresStoreFactory();

    assertThat(defaults.type()).isEqualTo("postgres");
    assertThat(defaults.isMigrateOnStart()).isFalse();
    assertThat(defaults.database()).containsSame(defaults.getDatabase());
  }

  @Test
  void statementsCarryNoNameCommentUnlessTheConfigurationAsksForIt() throws Exception {
    String yaml =
        """
        store:
          type: postgres
          database:
            driverClass: org.postgresql.Driver
            url: jdbc:postgresql://127.0.0.1:5432/addressbook
            maxSize: 12
        """;
    PostgresStoreFactory configured =
        (PostgresStoreFactory) Configs.load(yaml, Map.of()).getStore();
    PostgresStoreFactory commented =
        (PostgresStoreFactory)
            Configs.load(yaml + "    autoCommentsEnabled: true\n", Map.of()).getStore();

    assertThat(new PostgresStoreFactory().getDatabase().isAutoCommentsEnabled()).isFalse();
    assertThat(configured.getDatabase().isAutoCommentsEnabled()).isFalse();
    assertThat(configured.getDatabase().getMaxSize()).isEqualTo(12);
    assertThat(configured.getDatabase().getUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/addressbook");
    assertThat(commented.getDatabase().isAutoCommentsEnabled()).isTrue();
  }

  /** A started store on 127.0.0.1:{@code port}; its pool opens no connection before first use. */
  private AddressBookStore storeOn(int port) throws Exception {
    DataSourceFactory database = new DataSourceFactory();
    database.setDriverClass("org.postgresql.Driver");
    database.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/addressbook");
    database.setUser("nobody");
    database.setInitialSize(0);
    database.setMinSize(0);
    database.setMaxSize(2);
    database.setMaxWaitForConnection(Duration.seconds(1));
    String timeout = Integer.toString(DRIVER_TIMEOUT_SECONDS);
    database.setProperties(
        Map.of("connectTimeout", timeout, "socketTimeout", timeout, "loginTimeout", timeout));
    PostgresStoreFactory postgres = new PostgresStoreFactory();
    postgres.setDatabase(database);
    Environment environment = new Environment("test");
    AddressBookStore store = postgres.build(environment);
    for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
      managed.start();
      started.add(managed);
    }
    return store;
  }
}
