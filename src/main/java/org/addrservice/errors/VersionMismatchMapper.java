package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.core.VersionMismatchException;

/** 412 for a write conditional on a version that is no longer stored; nothing was changed. */
public final class VersionMismatchMapper implements ExceptionMapper<VersionMismatchException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(VersionMismatchException e) {
    return ErrorResponses.of(
        request,
        412,
        e.getMessage(),
        List.of("the entry has changed since that ETag; GET it again for its current ETag"));
  }
}
