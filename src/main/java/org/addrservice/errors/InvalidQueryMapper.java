package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.addrservice.core.InvalidQueryException;

/** 400 for query parameters the book cannot be read with, naming each one. */
public final class InvalidQueryMapper implements ExceptionMapper<InvalidQueryException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(InvalidQueryException e) {
    return ErrorResponses.of(request, 400, e.getMessage(), e.errors());
  }
}
