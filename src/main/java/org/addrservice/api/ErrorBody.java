package org.addrservice.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of every 4xx and 5xx answer.
 *
 * @param method the request's HTTP method
 * @param uri the request's path and query, as the client sent them
 * @param code the HTTP status code, repeated for clients that only keep the body
 * @param message what went wrong, in one fixed phrase per kind of failure
 * @param errors the details: one line per schema violation, parser complaint, and so on
 * @param requestId the request's id, as in its {@code X-Request-Id} header and log line
 */
public record ErrorBody(
    String method,
    String uri,
    int code,
    String message,
    List<String> errors,
    @JsonProperty("req_id") String requestId) {

  public ErrorBody {
    errors = List.copyOf(errors);
  }
}
