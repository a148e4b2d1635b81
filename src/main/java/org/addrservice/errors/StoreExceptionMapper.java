package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.core.port.StoreException;

/**
 * 503 when the store cannot be used: the request did nothing and may be retried. The cause goes
 * into the request's log line.
 */
public final class StoreExceptionMapper implements ExceptionMapper<StoreException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(StoreException e) {
    ErrorResponses.recordFailure(request, e);
    return ErrorResponses.of(request, 503, "Address book storage unavailable", List.of());
  }
}
