package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.core.InvalidIdempotencyKeyException;
import org.addrservice.core.model.IdempotencyKey;

/** 400 for an {@code Idempotency-Key} header that is not a well-formed key, or is sent twice. */
public final class InvalidIdempotencyKeyMapper
    implements ExceptionMapper<InvalidIdempotencyKeyException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(InvalidIdempotencyKeyException e) {
    return ErrorResponses.of(
        request,
        400,
        "Invalid Idempotency-Key header",
        List.of(
            "Idempotency-Key must be sent once, with 1 to "
                + IdempotencyKey.MAX_LENGTH
                + " visible ASCII characters"));
  }
}
