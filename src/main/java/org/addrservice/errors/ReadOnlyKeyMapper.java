package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.auth.ApiKey;
import org.addrservice.auth.ReadOnlyKeyException;

/** 403 for a change sent with a key that may only read. */
public final class ReadOnlyKeyMapper implements ExceptionMapper<ReadOnlyKeyException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(ReadOnlyKeyException e) {
    ApiKey key = e.key();
    return ErrorResponses.of(
        request,
        403,
        e.getMessage(),
        List.of(
            "the key "
                + key.name()
                + " has the role "
                + key.role().label()
                + ", which may only read (GET, HEAD)"));
  }
}
