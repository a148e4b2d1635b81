package org.addrservice.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code auth:} section. Off by default, so that a service on 127.0.0.1 can be tried without
 * keys; when {@code enabled}, every request to the API port needs {@code Authorization: Bearer
 * <key>} with one of the {@code keys}. The admin port is never authenticated: it must stay on a
 * loopback address instead.
 */
public class AuthFactory {

  /** The realm of the {@code WWW-Authenticate} challenge. */
  public static final String REALM = "addrservice";

  static final String SCHEME = "Bearer";

  private boolean enabled;

  @Valid @NotNull private List<KeyHash> keys = List.of();

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public List<KeyHash> getKeys() {
    return keys;
  }

  @JsonProperty
  public void setKeys(List<KeyHash> keys) {
    this.keys = keys == null ? null : List.copyOf(keys);
  }

  @ValidationMethod(message = "must list at least one key when enabled")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isKeyListedWhenEnabled() {
    return !enabled || (keys != null && !keys.isEmpty());
  }

  @ValidationMethod(message = "keys must have different names and different hashes")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isEachKeyDistinct() {
    if (keys == null) {
      return true;
    }
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (KeyHash key : keys) {
      if (key == null || !names.add(key.name()) || !hashes.add(key.sha256())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The check that refuses every API request without a configured key, and a reader's that would
   * change something; none when auth is off.
   */
  public Optional<ApiKeyCheck> build() {
    return enabled ? Optional.of(new ApiKeyCheck(new ApiKeyAuthenticator(keys))) : Optional.empty();
  }
}
