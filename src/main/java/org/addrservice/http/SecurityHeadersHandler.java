package org.addrservice.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An outermost handler, on both ports: sets {@link SecurityHeaders} before anything else can commit
 * the answer. Answers Jetty writes without a handler get them from the error handler.
 */
public final class SecurityHeadersHandler extends Handler.Wrapper {

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    SecurityHeaders.addTo(response.getHeaders());
    return super.handle(request, response, callback);
  }
}
