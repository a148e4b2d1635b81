package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/**
 * The answers Jersey itself gives (no matching path, 405, 415, 406, ...) in the JSON error body.
 * Headers the exception carries, such as {@code Allow} on a 405, are kept. Resource methods never
 * throw these: a 404 from here always means the path matches no endpoint.
 */
public final class WebApplicationExceptionMapper
    implements ExceptionMapper<WebApplicationException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    if (status >= 500) {
      ErrorResponses.recordFailure(request, e);
    }
    String message =
        e instanceof NotFoundException
            ? "Unknown Endpoint"
            : reasonPhrase(original.getStatusInfo());
    Response.ResponseBuilder answer = ErrorResponses.builder(request, status, message, List.of());
    original
        .getStringHeaders()
        .forEach((name, values) -> values.forEach(v -> answer.header(name, v)));
    return answer.build();
  }

  private static String reasonPhrase(Response.StatusType status) {
    String phrase = status.getReasonPhrase();
    return phrase == null || phrase.isEmpty() ? "HTTP " + status.getStatusCode() : phrase;
  }
}
