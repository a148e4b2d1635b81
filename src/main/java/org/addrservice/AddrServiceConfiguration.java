package org.addrservice;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.health.DefaultHealthFactory;
import io.dropwizard.health.HealthCheckConfiguration;
import io.dropwizard.health.HealthFactory;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Optional;
import org.addrservice.auth.AuthFactory;
import org.addrservice.config.ConditionalWritesFactory;
import org.addrservice.config.IdempotencyFactory;
import org.addrservice.config.ServerDefaults;
import org.addrservice.edge.LimitsFactory;
import org.addrservice.edge.OverloadFactory;
import org.addrservice.health.HealthDefaults;
import org.addrservice.http.CorsFactory;
import org.addrservice.store.StoreFactory;

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

  /** The embedded default: a local file database that needs no set-up. */
  @Valid @NotNull private StoreFactory store = StoreFactory.ofType("sqlite");

  @Valid @NotNull private LimitsFactory limits = new LimitsFactory();

  @Valid @NotNull
  private ConditionalWritesFactory conditionalWrites = new ConditionalWritesFactory();

  @Valid @NotNull private IdempotencyFactory idempotency = new IdempotencyFactory();
  @Valid @NotNull private OverloadFactory overload = new OverloadFactory();

  @Valid @NotNull private CorsFactory cors = new CorsFactory();
  @Valid @NotNull private AuthFactory auth = new AuthFactory();

  public AddrServiceConfiguration() {
    setServerFactory(ServerDefaults.build());
    setHealthFactory(HealthDefaults.build());
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
  public ConditionalWritesFactory getConditionalWrites() {
    return conditionalWrites;
  }

  @JsonProperty
  public void setConditionalWrites(ConditionalWritesFactory conditionalWrites) {
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
  public LimitsFactory getLimits() {
    return limits;
  }

  @JsonProperty
  public void setLimits(LimitsFactory limits) {
    this.limits = limits;
  }

  @JsonProperty
  public IdempotencyFactory getIdempotency() {
    return idempotency;
  }

  @JsonProperty
  public void setIdempotency(IdempotencyFactory idempotency) {
    this.idempotency = idempotency;
  }

  @JsonProperty
  public OverloadFactory getOverload() {
    return overload;
  }

  @JsonProperty
  public void setOverload(OverloadFactory overload) {
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
              + OverloadFactory.THREADS_LEFT_TO_JETTY
              + " of server.maxThreads to Jetty")
  @JsonIgnore
  public boolean isOverloadWithinThreadPool() {
    return !(getServerFactory() instanceof AbstractServerFactory server)
        || overload.getMaxConcurrentRequests()
            <= server.getMaxThreads() - OverloadFactory.THREADS_LEFT_TO_JETTY;
  }

  /**
   * Always empty, so that Dropwizard does not mount the health module on the application port, the
   * one clients reach; the application mounts {@link #healthOnAdminPort} on the admin port instead.
   */
  @Override
  public Optional<HealthFactory> getHealthFactory() {
    return Optional.empty();
  }

  /** The {@code health:} section, for the admin port. */
  public Optional<HealthFactory> healthOnAdminPort() {
    return super.getHealthFactory();
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
}
