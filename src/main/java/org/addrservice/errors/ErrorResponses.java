package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.addrservice.api.ErrorBody;

/** Builds the JSON error answer that every mapper and the Jetty error handler send. */
final class ErrorResponses {

  private ErrorResponses() {}

  static Response.ResponseBuilder builder(
      HttpServletRequest request, int status, String message, List<String> errors) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body(request, status, message, errors));
  }

  static Response of(HttpServletRequest request, int status, String message, List<String> errors) {
    return builder(request, status, message, errors).build();
  }

  static ErrorBody body(
      HttpServletRequest request, int status, String message, List<String> errors) {
    return new ErrorBody(request.getMethod(), uriOf(request), status, message, errors);
  }

  /** The path and query exactly as the client sent them. */
  static String uriOf(HttpServletRequest request) {
    String query = request.getQueryString();
    return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
  }
}
