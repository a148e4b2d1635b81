package org.addrservice.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.addrservice.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 503 when the store cannot be used: the request did nothing and may be retried. */
public final class StoreExceptionMapper implements ExceptionMapper<StoreException> {

  private static final Logger LOG = LoggerFactory.getLogger(StoreExceptionMapper.class);

  @Context private HttpServletRequest request;

  @Override
  public Response toResponse(StoreException e) {
    LOG.error("store unavailable for {} {}", request.getMethod(), ErrorResponses.uriOf(request), e);
    return ErrorResponses.of(request, 503, "Address book storage unavailable", List.of());
  }
}
