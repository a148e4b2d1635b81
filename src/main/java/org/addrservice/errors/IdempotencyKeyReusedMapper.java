package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.core.IdempotencyKeyReusedException;

/** 422 for an idempotency key sent again with a body other than its first one. */
public final class IdempotencyKeyReusedMapper
    implements ExceptionMapper<IdempotencyKeyReusedException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(IdempotencyKeyReusedException e) {
    return ErrorResponses.of(
        request,
        422,
        e.getMessage(),
        List.of("a retry must send the same entry as the first request with this key"));
  }
}
