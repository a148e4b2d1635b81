package org.addrservice.logging;

import io.dropwizard.request.logging.RequestLogFactory;

/**
 * Hands Dropwizard the canonical request log in place of its own access log, so each request is
 * logged once, in logfmt, through the {@code logging:} section like every other line.
 */
public final class CanonicalRequestLogFactory implements RequestLogFactory<CanonicalRequestLog> {

  @Override
  public boolean isEnabled() {
    return true;
  }

  @Override
  public CanonicalRequestLog build(String name) {
    return new CanonicalRequestLog();
  }
}
