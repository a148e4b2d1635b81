package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: anything no other mapper claims. A client that hung up in the middle of
 * its body gets a 400; everything else is a bug, logged with its stack trace and answered with a
 * bare 500 that shows none of it; the stack trace goes into the request's log line.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(Throwable e) {
    if (isEarlyEof(e)) {
      LOG.debug("client closed the connection before its body ended", e);
      return ErrorResponses.of(
          request, 400, "Incomplete request body", List.of("the body ended early"));
    }
    ErrorResponses.recordFailure(request, e);
    return ErrorResponses.of(request, 500, "Internal Server Error", List.of());
  }

  private static boolean isEarlyEof(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof EofException) {
        return true;
      }
    }
    return false;
  }
}
