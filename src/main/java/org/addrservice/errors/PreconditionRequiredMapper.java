package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.core.PreconditionRequiredException;

/** 428 for a write without {@code If-Match} when the configuration requires one. */
public final class PreconditionRequiredMapper
    implements ExceptionMapper<PreconditionRequiredException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(PreconditionRequiredException e) {
    return ErrorResponses.of(
        request, 428, e.getMessage(), List.of("send If-Match with the ETag from GET of the entry"));
  }
}
