package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.core.EntryTooLargeException;

/**
 * 413 for a body over the size limit. The rest of the body is never read, so the connection is
 * closed rather than reused.
 */
public final class EntryTooLargeMapper implements ExceptionMapper<EntryTooLargeException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(EntryTooLargeException e) {
    return ErrorResponses.builder(
            request,
            413,
            e.getMessage(),
            List.of("the body must not be longer than " + e.limitBytes() + " bytes"))
        .header("Connection", "close")
        .build();
  }
}
