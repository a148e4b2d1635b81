package org.addrservice;

import com.codahale.metrics.Gauge;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.MutableServletContextHandler;
import org.addrservice.api.ApiDescription;
import org.addrservice.cli.ExportCommand;
import org.addrservice.cli.FriendlyDbCommand;
import org.addrservice.cli.FriendlyServerCommand;
import org.addrservice.cli.HashKeyCommand;
import org.addrservice.cli.ImportCommand;
import org.addrservice.config.AddressBookServiceFactory;
import org.addrservice.core.AddressBookService;
import org.addrservice.core.model.PageMemory;
import org.addrservice.errors.JsonErrorsBundle;
import org.addrservice.health.HealthGauges;
import org.addrservice.health.StoreHealthCheck;
import org.addrservice.http.SecurityHeadersBundle;
import org.addrservice.http.ServerStart;
import org.addrservice.logging.CanonicalRequestLogBundle;
import org.addrservice.logging.RequestIdHandler;
import org.addrservice.metrics.PrometheusEndpoint;
import org.addrservice.resources.AddressBookResource;
import org.addrservice.resources.ApiDescriptionResource;
import org.addrservice.store.OpenedStore;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.server.ServerProperties;

/** The address-book service: wiring only. */
public final class AddrServiceApplication extends Application<AddrServiceConfiguration> {

  /** The bytes of stored JSON the pages being answered now hold (see {@code limits.pageMemory}). */
  public static final String PAGE_MEMORY_HELD = "addrservice.pages.memory-held";

  public static void main(String[] args) throws Exception {
    new AddrServiceApplication().run(args);
  }

  @Override
  public String getName() {
    return "addrservice";
  }

  @Override
  public void initialize(Bootstrap<AddrServiceConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
    // Both wrap each port in a handler; the one added later is the outer one.
    bootstrap.addBundle(new CanonicalRequestLogBundle());
    bootstrap.addBundle(new SecurityHeadersBundle());
    bootstrap.addBundle(new JsonErrorsBundle());
    bootstrap.addCommand(
        new FriendlyDbCommand<>(
            config -> config.getStore().databaseForMigrations(), AddrServiceConfiguration.class));
    bootstrap.addCommand(new ExportCommand());
    bootstrap.addCommand(new ImportCommand());
    bootstrap.addCommand(new HashKeyCommand());
  }

  @Override
  protected void addDefaultCommands(Bootstrap<AddrServiceConfiguration> bootstrap) {
    bootstrap.addCommand(new FriendlyServerCommand<>(this));
    bootstrap.addCommand(new CheckCommand<>(this));
  }

  @Override
  public void run(AddrServiceConfiguration config, Environment environment) {
    OpenedStore store = OpenedStore.open(config.getStore(), environment);
    AddressBookService service = buildService(config, store);
    registerResources(config, environment, service);
    registerHealthChecks(config, environment, store);
    registerMetrics(environment, service);
    guardTheApiPort(config, environment);
    keepLocationsAsSent(environment);
    tuneJetty(environment);
  }

  private static AddressBookService buildService(
      AddrServiceConfiguration config, OpenedStore store) {
    return AddressBookServiceFactory.build(
        store.book(), config.getLimits(), config.getIdempotency(), config.getConditionalWrites());
  }

  private static void registerResources(
      AddrServiceConfiguration config, Environment environment, AddressBookService service) {
    environment
        .jersey()
        .register(new AddressBookResource(service, config.getLimits().buildJsonBodyReader()));
    environment.jersey().register(new ApiDescriptionResource(new ApiDescription()));
  }

  /**
   * The store check, the gauges of the scheduled checks, and the {@code health:} section's
   * schedules, {@code /health-check} endpoint and delayed shutdown, all on the admin port.
   */
  private void registerHealthChecks(
      AddrServiceConfiguration config, Environment environment, OpenedStore store) {
    environment
        .healthChecks()
        .register("store", new StoreHealthCheck(store.book(), store.type(), store.freeSpace()));
    environment
        .health()
        .addHealthStateListener(
            new HealthGauges(environment.metrics(), config.scheduledHealthChecks()));
    config
        .healthOnAdminPort()
        .ifPresent(
            health ->
                health.configure(
                    environment.lifecycle(),
                    environment.admin(),
                    environment.jersey(),
                    environment.health(),
                    environment.getObjectMapper(),
                    getName()));
  }

  /** The page-memory gauge and the Prometheus exposition of every metric. */
  private static void registerMetrics(Environment environment, AddressBookService service) {
    PageMemory pages = service.pageMemory();
    environment
        .metrics()
        .register(PAGE_MEMORY_HELD, (Gauge<Long>) () -> pages.capacity() - pages.free());
    PrometheusEndpoint.register(environment);
  }

  /**
   * What stands between a client and the API, outermost first: CORS (which answers a browser's
   * preflight itself), the API-key check, the body gate, the overload limit, then the servlet and
   * Jersey. Everything before the limit decides on the request's head, or waits for its body
   * without a thread, so a request that is refused, or slow to send its body, never takes the place
   * of one that is served. All of it is in the application context only: the admin port keeps
   * answering under a flood. A request the limit queues is served later, on another thread, so a
   * request-id handler inside the limit puts the id into that thread's MDC.
   */
  private static void guardTheApiPort(AddrServiceConfiguration config, Environment environment) {
    MutableServletContextHandler api = environment.getApplicationContext();
    QoSHandler limit = config.getOverload().build();
    limit.insertHandler(new RequestIdHandler());
    // Each insert goes in front of the one before.
    api.insertHandler(limit);
    api.insertHandler(config.getLimits().buildBodyGate());
    config.getAuth().build().ifPresent(api::insertHandler);
    config.getCors().build().ifPresent(api::insertHandler);
  }

  /** {@code Location} stays the relative path the resource names, as the API promises. */
  private static void keepLocationsAsSent(Environment environment) {
    environment
        .jersey()
        .property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
  }

  /** Settings of the built Jetty server that Dropwizard's factories do not expose. */
  private static void tuneJetty(Environment environment) {
    ServerStart.beforeItStarts(environment, AddrServiceApplication::keepHeaderValuesExact);
    ServerStart.beforeItStarts(environment, AddrServiceApplication::letIdleThreadsGoPromptly);
  }

  /**
   * Jetty caches the header fields a connection has sent and by default matches a new one against
   * them ignoring case: after {@code Authorization: Bearer abc}, the same connection's {@code
   * Bearer ABC} would be read as {@code Bearer abc}. API keys, like most values, are
   * case-sensitive.
   */
  private static void keepHeaderValuesExact(Server server) {
    // Dropwizard wraps each connection factory in a metered one that holds it as a bean.
    for (HttpConfiguration.ConnectionFactory http :
        server.getContainedBeans(HttpConfiguration.ConnectionFactory.class)) {
      http.getHttpConfiguration().setHeaderCacheCaseSensitive(true);
    }
  }

  /**
   * Jetty lets one idle thread go per idle timeout: after a burst that grew the pool to its
   * maximum, the threads and their stacks would stay for hours. Letting up to the whole pool go per
   * timeout brings it back to its minimum within about one {@code server.idleThreadTimeout} of
   * quiet.
   */
  private static void letIdleThreadsGoPromptly(Server server) {
    if (server.getThreadPool() instanceof QueuedThreadPool pool) {
      pool.setMaxEvictCount(Math.max(1, pool.getMaxThreads() - pool.getMinThreads()));
    }
  }
}
