package org.addrservice.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an API key may do: a reader only reads (GET, HEAD, OPTIONS), a writer does everything. */
public enum Role {
  @JsonProperty("reader")
  READER,
  @JsonProperty("writer")
  WRITER;

  /** The name the configuration and the error bodies use. */
  public String label() {
    return this == READER ? "reader" : "writer";
  }
}
