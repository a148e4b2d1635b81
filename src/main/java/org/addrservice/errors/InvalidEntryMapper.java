package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.addrservice.core.InvalidEntryException;

/** 400 for a document that breaks the schema, with one error per failing JSON path. */
public final class InvalidEntryMapper implements ExceptionMapper<InvalidEntryException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(InvalidEntryException e) {
    return ErrorResponses.of(request, 400, e.getMessage(), e.violations());
  }
}
