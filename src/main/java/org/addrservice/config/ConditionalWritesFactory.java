package org.addrservice.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code conditionalWrites:} section. With {@code requireIfMatch: true}, a replace, patch or
 * delete without {@code If-Match} is refused with 428, so that no client can overwrite a change it
 * has not seen.
 */
public class ConditionalWritesFactory {

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
