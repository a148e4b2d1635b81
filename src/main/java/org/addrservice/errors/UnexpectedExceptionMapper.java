package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/**
 * The last line of defence: anything no other mapper claims is a bug, answered with a bare 500 that
 * shows none of it; the stack trace goes into the request's log line. (A body that ends early never
 * gets this far: the body gate in front of the service reads every body first.)
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(Throwable e) {
    return answer(request, e);
  }

  static Response answer(HttpServletRequest request, Throwable e) {
    ErrorResponses.recordFailure(request, e);
    return ErrorResponses.of(request, 500, "Internal Server Error", List.of());
  }
}
