package org.addrservice.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One entry of {@code auth.keys}: a key's name (what the logs show), its role, and the lower-case
 * hex SHA-256 of the key, so that the configuration never holds a key itself.
 */
public record KeyHash(
    @JsonProperty("name") @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name,
    @JsonProperty("role") @NotNull Role role,
    @JsonProperty("sha256")
        @NotNull
        @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex characters")
        String sha256) {}
