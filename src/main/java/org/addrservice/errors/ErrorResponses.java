package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.addrservice.api.ErrorBody;
import org.addrservice.logging.AccessTokenParameter;
import org.addrservice.logging.RequestContext;

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
    RequestContext context = contextOf(request);
    context.setReason(message);
    return new ErrorBody(
        request.getMethod(), uriOf(request), status, message, errors, context.id());
  }

  /** Remembers {@code failure} for the request's log line, which carries its stack trace. */
  static void recordFailure(HttpServletRequest request, Throwable failure) {
    contextOf(request).setFailure(failure);
  }

  private static RequestContext contextOf(HttpServletRequest request) {
    if (request.getAttribute(RequestContext.ATTRIBUTE) instanceof RequestContext context) {
      return context;
    }
    // Only when the application runs without its request-id handler, as in some unit tests.
    RequestContext context = RequestContext.forIncomingId(request.getHeader(RequestContext.HEADER));
    request.setAttribute(RequestContext.ATTRIBUTE, context);
    return context;
  }

  /** The path and query as the client sent them, but for the value of an access_token. */
  static String uriOf(HttpServletRequest request) {
    String query = request.getQueryString();
    return query == null
        ? request.getRequestURI()
        : AccessTokenParameter.blanked(request.getRequestURI() + "?" + query);
  }
}
