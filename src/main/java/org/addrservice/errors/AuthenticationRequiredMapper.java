package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.auth.AuthenticationRequiredException;

/** 401 for a request to the API without a configured key, with the challenge to answer. */
public final class AuthenticationRequiredMapper
    implements ExceptionMapper<AuthenticationRequiredException> {

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(AuthenticationRequiredException e) {
    return ErrorResponses.builder(
            request,
            401,
            e.getMessage(),
            List.of("send a configured API key in the header Authorization: Bearer <key>"))
        .header(HttpHeaders.WWW_AUTHENTICATE, e.challenge())
        .build();
  }
}
