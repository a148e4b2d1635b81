package org.addrservice;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.health.DefaultHealthFactory;
import io.dropwizard.health.HealthCheckConfiguration;
import io.dropwizard.health.HealthCheckType;
import io.dropwizard.health.HealthFactory;
import io.dropwizard.health.Schedule;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.addrservice.auth.AuthFactory;
import org.addrservice.core.AddressBookService;
import org.addrservice.core.BookPolicies;
import org.addrservice.core.EntryValidator;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.edge.BodyGate;
import org.addrservice.http.CorsFactory;
import org.addrservice.resources.JsonBodyReader;
import org.addrservice.store.StoreFactory;
import org.addrservice.store.sql.SqliteStoreFactory;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * The YAML configuration. Besides Dropwizard's {@code server:} and {@code logging:} sections it has
 * {@code store:} (which backend keeps the entries), {@code limits:} (what a request may carry),
 * {@code idempotency:} (how long idempotency keys are remembered), {@code conditionalWrites:}
 * (whether writes must carry If-Match), {@code auth:} (which API keys may do what), {@code cors:}
 * (which browser origins may call the API; none by default) and {@code overload:} (how many API
 * requests are served at once). Every value has a safe default: without a {@code server:} section
 * both connectors listen on 127.0.0.1 only; without a {@code health:} section the store and
 * deadlock checks are scheduled and a stop turns readiness red for a few seconds before the server
 * drains.
 */
public class AddrServiceConfiguration extends Configuration {

  /**
   * Threads of the API port's pool. Every request the overload limit lets in may block on its
   * store, and Jetty needs threads of its own beside them; more threads than that only cost memory
   * on a machine of a few cores (Dropwizard's 1024 grew to a thousand under connection churn).
   */
  static final int DEFAULT_MAX_THREADS = 128;

  static final int DEFAULT_MIN_THREADS = 8;

  /**
   * Threads of the pool that {@code overload.maxConcurrentRequests} may not take: Jetty's
   * acceptors, selectors and reserved threads, and the tasks that resume queued requests and close
   * connections.
   */
  static final int THREADS_LEFT_TO_JETTY = 8;

  @Valid @NotNull private StoreFactory store = new SqliteStoreFactory();

  @Valid @NotNull private Limits limits = new Limits();

  @Valid @NotNull private ConditionalWrites conditionalWrites = new ConditionalWrites();
  @Valid @NotNull private Idempotency idempotency = new Idempotency();
  @Valid @NotNull private Overload overload = new Overload();

  @Valid @NotNull private CorsFactory cors = new CorsFactory();
  @Valid @NotNull private AuthFactory auth = new AuthFactory();

  public AddrServiceConfiguration() {
    HttpConnectorFactory application = localConnector(8080);
    HttpConnectorFactory admin = localConnector(8081);
    DefaultServerFactory server = new DefaultServerFactory();
    server.setApplicationConnectors(List.of(application));
    server.setAdminConnectors(List.of(admin));
    server.setMaxThreads(DEFAULT_MAX_THREADS);
    server.setMinThreads(DEFAULT_MIN_THREADS);
    server.setIdleThreadTimeout(Duration.seconds(10));
    // Wait period plus grace period stay under the 30 s an orchestrator usually allows a stop.
    server.setShutdownGracePeriod(Duration.seconds(20));
    setServerFactory(server);
    setHealthFactory(defaultHealth());
  }

  private static DefaultHealthFactory defaultHealth() {
    Schedule storeSchedule = new Schedule();
    storeSchedule.setInitialDelay(Duration.seconds(0));
    storeSchedule.setCheckInterval(Duration.seconds(5));
    storeSchedule.setDowntimeInterval(Duration.seconds(2));
    storeSchedule.setFailureAttempts(2);
    storeSchedule.setSuccessAttempts(1);
    HealthCheckConfiguration store = scheduledCheck("store", HealthCheckType.READY, storeSchedule);
    store.setCritical(true);

    // A deadlock never resolves itself: one sighting is enough.
    Schedule deadlockSchedule = new Schedule();
    deadlockSchedule.setInitialDelay(Duration.seconds(0));
    deadlockSchedule.setCheckInterval(Duration.seconds(10));
    deadlockSchedule.setDowntimeInterval(Duration.seconds(10));
    deadlockSchedule.setFailureAttempts(1);
    deadlockSchedule.setSuccessAttempts(1);
    HealthCheckConfiguration deadlocks =
        scheduledCheck("deadlocks", HealthCheckType.ALIVE, deadlockSchedule);

    DefaultHealthFactory health = new DefaultHealthFactory();
    health.setHealthCheckConfigurations(List.of(store, deadlocks));
    health.setDelayedShutdownHandlerEnabled(true);
    health.setShutdownWaitPeriod(Duration.seconds(5));
    return health;
  }

  private static HealthCheckConfiguration scheduledCheck(
      String name, HealthCheckType type, Schedule schedule) {
    HealthCheckConfiguration check = new HealthCheckConfiguration();
    check.setName(name);
    check.setType(type);
    check.setSchedule(schedule);
    return check;
  }

  private static HttpConnectorFactory localConnector(int port) {
    HttpConnectorFactory connector = new HttpConnectorFactory();
    connector.setBindHost("127.0.0.1");
    connector.setPort(port);
    // Dropwizard's default too, set here so that no upgrade can start announcing Jetty's version.
    connector.setUseServerHeader(false);
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
  public ConditionalWrites getConditionalWrites() {
    return conditionalWrites;
  }

  @JsonProperty
  public void setConditionalWrites(ConditionalWrites conditionalWrites) {
    this.conditionalWrites = conditionalWrites;
  }

  @JsonProperty
  public CorsFactory getCors() {
    return cors;
  }

  @JsonProperty
  public void setCors(CorsFactory cors) {
    this.cors = cors;
  }

  @JsonProperty
  public Limits getLimits() {
    return limits;
  }

  @JsonProperty
  public void setLimits(Limits limits) {
    this.limits = limits;
  }

  @JsonProperty
  public Idempotency getIdempotency() {
    return idempotency;
  }

  @JsonProperty
  public void setIdempotency(Idempotency idempotency) {
    this.idempotency = idempotency;
  }

  @JsonProperty
  public Overload getOverload() {
    return overload;
  }

  @JsonProperty
  public void setOverload(Overload overload) {
    this.overload = overload;
  }

  @JsonProperty
  public AuthFactory getAuth() {
    return auth;
  }

  @JsonProperty
  public void setAuth(AuthFactory auth) {
    this.auth = auth;
  }

  /**
   * The overload limit must bind before the thread pool runs out: with more requests let in than
   * threads to run them, a flood would queue inside Jetty, unbounded, instead of answering 503.
   */
  @ValidationMethod(
      message =
          "overload.maxConcurrentRequests must leave at least "
              + THREADS_LEFT_TO_JETTY
              + " of server.maxThreads to Jetty")
  @JsonIgnore
  public boolean isOverloadWithinThreadPool() {
    return !(getServerFactory() instanceof AbstractServerFactory server)
        || overload.getMaxConcurrentRequests() <= server.getMaxThreads() - THREADS_LEFT_TO_JETTY;
  }

  /**
   * Always empty, so that Dropwizard does not mount the health module on the application port, the
   * one clients reach; {@link #configureHealthOnAdminPort} mounts it on the admin port instead.
   */
  @Override
  public Optional<HealthFactory> getHealthFactory() {
    return Optional.empty();
  }

  /**
   * Starts the {@code health:} section's scheduled checks, its {@code /health-check} endpoint on
   * the admin port and, when enabled, its delayed shutdown.
   */
  public void configureHealthOnAdminPort(Environment environment, String applicationName) {
    super.getHealthFactory()
        .ifPresent(
            health ->
                health.configure(
                    environment.lifecycle(),
                    environment.admin(),
                    environment.jersey(),
                    environment.health(),
                    environment.getObjectMapper(),
                    applicationName));
  }

  /** The checks the {@code health:} section schedules. */
  public List<HealthCheckConfiguration> scheduledHealthChecks() {
    return super.getHealthFactory()
        .filter(DefaultHealthFactory.class::isInstance)
        .map(DefaultHealthFactory.class::cast)
        .filter(DefaultHealthFactory::isEnabled)
        .map(DefaultHealthFactory::getHealthCheckConfigurations)
        .orElse(List.of());
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

  /** What reads request bodies as JSON, within the configured limits. */
  public JsonBodyReader buildJsonBodyReader() {
    return new JsonBodyReader(
        Math.toIntExact(limits.getMaxBodySize().toBytes()),
        limits.getMaxDepth(),
        limits.getMaxArrayLength());
  }

  /**
   * The {@code conditionalWrites:} section. With {@code requireIfMatch: true}, a replace, patch or
   * delete without {@code If-Match} is refused with 428, so that no client can overwrite a change
   * it has not seen.
   */
  public static class ConditionalWrites {

    private boolean requireIfMatch;

    @JsonProperty
    public boolean isRequireIfMatch() {
      return requireIfMatch;
    }

    @JsonProperty
    public void setRequireIfMatch(boolean requireIfMatch) {
      this.requireIfMatch = requireIfMatch;
    }
  }

  /**
   * The {@code overload:} section: how many API requests are handled at once, and how many wait for
   * their turn and for how long. A request beyond both answers 503 at once, so that a flood costs
   * the service neither threads nor memory; the admin port is not limited, so health checks still
   * answer. {@code maxConcurrentRequests} must leave {@value #THREADS_LEFT_TO_JETTY} of {@code
   * server.maxThreads} to Jetty.
   */
  public static class Overload {

    @Min(1)
    @Max(10_000)
    private int maxConcurrentRequests = 64;

    @Min(0)
    @Max(100_000)
    private int maxQueuedRequests = 256;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration maxQueueWait = Duration.seconds(1);

    @JsonProperty
    public int getMaxConcurrentRequests() {
      return maxConcurrentRequests;
    }

    @JsonProperty
    public void setMaxConcurrentRequests(int maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
    }

    @JsonProperty
    public int getMaxQueuedRequests() {
      return maxQueuedRequests;
    }

    @JsonProperty
    public void setMaxQueuedRequests(int maxQueuedRequests) {
      this.maxQueuedRequests = maxQueuedRequests;
    }

    @JsonProperty
    public Duration getMaxQueueWait() {
      return maxQueueWait;
    }

    @JsonProperty
    public void setMaxQueueWait(Duration maxQueueWait) {
      this.maxQueueWait = maxQueueWait;
    }

    /** Jetty's handler that holds the bound: the requests it turns away answer 503. */
    public QoSHandler build() {
      QoSHandler handler = new QoSHandler();
      handler.setMaxRequestCount(maxConcurrentRequests);
      handler.setMaxSuspendedRequestCount(maxQueuedRequests);
      handler.setMaxSuspend(maxQueueWait.toJavaDuration());
      handler.setRejectStatusCode(HttpStatus.SERVICE_UNAVAILABLE_503);
      return handler;
    }
  }

  /** The {@code idempotency:} section: how long a create's idempotency key is remembered. */
  public static class Idempotency {

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration window = Duration.hours(24);

    @JsonProperty
    public Duration getWindow() {
      return window;
    }

    @JsonProperty
    public void setWindow(Duration window) {
      this.window = window;
    }
  }

  /** The {@code limits:} section: how much a single request may carry, and a page may hold. */
  public static class Limits {

    @NotNull
    @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
    @MaxDataSize(value = 16, unit = DataSizeUnit.MEBIBYTES)
    private DataSize maxBodySize = DataSize.kibibytes(64);

    /** Bytes a second; a body that comes slower on average, once the grace is over, is cut off. */
    @NotNull
    @MinDataSize(value = 1, unit = DataSizeUnit.BYTES)
    @MaxDataSize(value = 16, unit = DataSizeUnit.MEBIBYTES)
    private DataSize minBodyDataRate = DataSize.kibibytes(1);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
    private Duration bodyGracePeriod = Duration.seconds(10);

    /**
     * The most bytes all request bodies on their way in, or read and waiting for their answer, take
     * together; a body that would take more is refused with 503 at once.
     */
    @NotNull
    @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
    @MaxDataSize(value = 1, unit = DataSizeUnit.GIBIBYTES)
    private DataSize bodyMemory = DataSize.mebibytes(16);

    /** The most entries one page of {@code GET /addresses} holds, and what it holds by default. */
    @Min(1)
    @Max(10_000)
    private int maxPageSize = AddressBookService.DEFAULT_MAX_PAGE_SIZE;

    /** The most stored JSON one page holds: what bounds the heap a page answer takes. */
    @NotNull
    @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
    @MaxDataSize(value = 64, unit = DataSizeUnit.MEBIBYTES)
    private DataSize maxPageBytes = DataSize.bytes(AddressBookService.DEFAULT_MAX_PAGE_BYTES);

    /**
     * The most stored JSON all pages being answered at once hold together: what bounds the heap a
     * crowd of readers takes. Pages that find it short are cut sooner.
     */
    @NotNull
    @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
    @MaxDataSize(value = 1, unit = DataSizeUnit.GIBIBYTES)
    private DataSize pageMemory = DataSize.bytes(AddressBookService.DEFAULT_PAGE_MEMORY);

    @Min(JsonBodyReader.MIN_DEPTH)
    @Max(1000)
    private int maxDepth = JsonBodyReader.DEFAULT_MAX_DEPTH;

    @Min(1)
    @Max(1_000_000)
    private int maxArrayLength = JsonBodyReader.DEFAULT_MAX_ARRAY_LENGTH;

    @JsonProperty
    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    @JsonProperty
    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    @JsonProperty
    public DataSize getMinBodyDataRate() {
      return minBodyDataRate;
    }

    @JsonProperty
    public void setMinBodyDataRate(DataSize minBodyDataRate) {
      this.minBodyDataRate = minBodyDataRate;
    }

    @JsonProperty
    public Duration getBodyGracePeriod() {
      return bodyGracePeriod;
    }

    @JsonProperty
    public void setBodyGracePeriod(Duration bodyGracePeriod) {
      this.bodyGracePeriod = bodyGracePeriod;
    }

    /** The gate every request body passes, read whole and at the minimum rate, before the API. */
    public BodyGate buildBodyGate() {
      return new BodyGate(
          maxBodySize.toBytes(),
          minBodyDataRate.toBytes(),
          bodyGracePeriod.toJavaDuration(),
          bodyMemory.toBytes());
    }

    @JsonProperty
    public int getMaxPageSize() {
      return maxPageSize;
    }

    @JsonProperty
    public void setMaxPageSize(int maxPageSize) {
      this.maxPageSize = maxPageSize;
    }

    @JsonProperty
    public DataSize getPageMemory() {
      return pageMemory;
    }

    @JsonProperty
    public void setPageMemory(DataSize pageMemory) {
      this.pageMemory = pageMemory;
    }

    @JsonProperty
    public DataSize getBodyMemory() {
      return bodyMemory;
    }

    @JsonProperty
    public void setBodyMemory(DataSize bodyMemory) {
      this.bodyMemory = bodyMemory;
    }

    @ValidationMethod(message = "limits.bodyMemory must hold at least one body of maxBodySize")
    @JsonIgnore
    public boolean isBodyMemoryEnoughForABody() {
      return bodyMemory == null
          || maxBodySize == null
          || bodyMemory.toBytes() >= maxBodySize.toBytes();
    }

    @ValidationMethod(message = "limits.pageMemory must hold at least one page of maxPageBytes")
    @JsonIgnore
    public boolean isPageMemoryEnoughForAPage() {
      return pageMemory == null
          || maxPageBytes == null
          || pageMemory.toBytes() >= maxPageBytes.toBytes();
    }

    @JsonProperty
    public DataSize getMaxPageBytes() {
      return maxPageBytes;
    }

    @JsonProperty
    public void setMaxPageBytes(DataSize maxPageBytes) {
      this.maxPageBytes = maxPageBytes;
    }

    @JsonProperty
    public int getMaxDepth() {
      return maxDepth;
    }

    @JsonProperty
    public void setMaxDepth(int maxDepth) {
      this.maxDepth = maxDepth;
    }

    @JsonProperty
    public int getMaxArrayLength() {
      return maxArrayLength;
    }

    @JsonProperty
    public void setMaxArrayLength(int maxArrayLength) {
      this.maxArrayLength = maxArrayLength;
    }
  }
}
