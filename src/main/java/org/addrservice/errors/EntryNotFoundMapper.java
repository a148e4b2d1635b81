package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.core.EntryNotFoundException;

/** 404 for an id that names no entry. */
public final class EntryNotFoundMapper implements ExceptionMapper<EntryNotFoundException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(EntryNotFoundException e) {
    return ErrorResponses.of(request, 404, e.getMessage(), List.of());
  }
}
