package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.core.EntryTooLargeException;

/**
 * 413 for a body over the size limit, should one get past the body gate, which refuses such a body
 * before it reaches the service. The rest of the body is never read, so the connection is closed
 * rather than reused.
 */
public final class EntryTooLargeMapper implements ExceptionMapper<EntryTooLargeException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(EntryTooLargeException e) {
    return ErrorResponses.builder(request, 413, e.getMessage(), errorsFor(e.limitBytes()))
        .header("Connection", "close")
        .build();
  }

  /** The detail of a 413: what the limit is. */
  public static List<String> errorsFor(long limitBytes) {
    return List.of("the body must not be longer than " + limitBytes + " bytes");
  }
}
