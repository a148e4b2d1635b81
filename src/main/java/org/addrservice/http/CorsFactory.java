package org.addrservice.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/**
 * The {@code cors:} section: which browser origins may call the API from their pages. Empty (the
 * default) turns CORS off, so browsers keep every other site's scripts away from the API. Each
 * origin is one exact {@code scheme://host[:port]}; there are no wildcards.
 */
public class CorsFactory {

  /** The methods and request headers the API understands, and the answer headers it sets. */
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private static final Set<String> REQUEST_HEADERS =
      Set.of(
          "Authorization",
          "Content-Type",
          "If-Match",
          "If-None-Match",
          "Idempotency-Key",
          "X-Request-Id");

  private static final Set<String> EXPOSED_HEADERS = Set.of("ETag", "Location", "X-Request-Id");

  @NotNull
  private List<
          @NotNull
          @Pattern(
              regexp = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?",
              message = "must be one origin, scheme://host[:port], without a wildcard or path")
          String>
      allowedOrigins = List.of();

  @JsonProperty
  public List<String> getAllowedOrigins() {
    return allowedOrigins;
  }

  @JsonProperty
  public void setAllowedOrigins(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  /** The handler that answers preflights and marks allowed answers, if any origin is allowed. */
  public Optional<CrossOriginHandler> build() {
    if (allowedOrigins.isEmpty()) {
      return Optional.empty();
    }
    Set<String> patterns = new LinkedHashSet<>();
    for (String origin : allowedOrigins) {
      // Jetty reads each entry as a regular expression; the configured origins are literal.
      patterns.add(java.util.regex.Pattern.quote(origin));
    }
    CrossOriginHandler cors = new CrossOriginHandler();
    cors.setAllowedOriginPatterns(patterns);
    cors.setAllowedMethods(METHODS);
    cors.setAllowedHeaders(REQUEST_HEADERS);
    cors.setExposedHeaders(EXPOSED_HEADERS);
    // API keys travel in Authorization, set by the page's script; no cookies to share.
    cors.setAllowCredentials(false);
    cors.setPreflightMaxAge(Duration.ofMinutes(10));
    return Optional.of(cors);
  }
}
