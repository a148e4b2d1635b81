package org.addrservice.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The {@code idempotency:} section: how long a create's idempotency key is remembered. */
public class IdempotencyFactory {

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
