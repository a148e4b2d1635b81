package org.addrservice.logging;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

/**
 * The outermost handler, on both ports: gives every request its id, sends the id back in {@code
 * X-Request-Id}, and puts it in the MDC while the request is served on this thread.
 *
 * <p>A second instance sits inside the overload limit, which serves a request it has queued later,
 * on another thread: that instance finds the id already given and puts it in that thread's MDC.
 */
public final class RequestIdHandler extends Handler.Wrapper {

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    RequestContext context = contextOf(request, response);
    MDC.put(RequestContext.MDC_KEY, context.id());
    try {
      return super.handle(request, response, callback);
    } finally {
      MDC.remove(RequestContext.MDC_KEY);
    }
  }

  private static RequestContext contextOf(Request request, Response response) {
    if (request.getAttribute(RequestContext.ATTRIBUTE) instanceof RequestContext context) {
      return context;
    }
    RequestContext context =
        RequestContext.forIncomingId(request.getHeaders().get(RequestContext.HEADER));
    request.setAttribute(RequestContext.ATTRIBUTE, context);
    response.getHeaders().put(RequestContext.HEADER, context.id());
    return context;
  }
}
