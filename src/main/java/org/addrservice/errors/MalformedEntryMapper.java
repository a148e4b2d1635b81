package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.core.MalformedEntryException;

/** 400 for a body that is not JSON, with what the parser found and where. */
public final class MalformedEntryMapper implements ExceptionMapper<MalformedEntryException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(MalformedEntryException e) {
    return ErrorResponses.of(request, 400, e.getMessage(), List.of(e.detail()));
  }
}
