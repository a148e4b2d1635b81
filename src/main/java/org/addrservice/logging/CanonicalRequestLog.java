package org.addrservice.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The canonical log line: exactly one logfmt line per HTTP request, written when the response is
 * complete. INFO below 400, WARN for 4xx, ERROR for 5xx; a failure's stack trace is folded into the
 * same line.
 */
public final class CanonicalRequestLog implements RequestLog {

  /** The logger every request line goes to, so its level and appenders can be set on its own. */
  public static final String LOGGER_NAME = "org.addrservice.requests";

  /**
   * The child logger for requests to the admin port, so that probes and scrapes can be quietened
   * without losing a line about the API.
   */
  public static final String ADMIN_LOGGER_NAME = LOGGER_NAME + ".admin";

  /** The name Dropwizard gives the admin port's connector. */
  private static final String ADMIN_CONNECTOR = "admin";

  private static final Logger API_LOG = LoggerFactory.getLogger(LOGGER_NAME);
  private static final Logger ADMIN_LOG = LoggerFactory.getLogger(ADMIN_LOGGER_NAME);

  @Override
  public void log(Request request, Response response) {
    Logger log = isAdmin(request) ? ADMIN_LOG : API_LOG;
    int status = response.getStatus();
    if (status < HttpStatus.BAD_REQUEST_400 ? !log.isInfoEnabled() : !log.isWarnEnabled()) {
      return;
    }
    RequestContext context = contextOf(request);
    String line = line(request, response, status, context);
    MDC.put(RequestContext.MDC_KEY, context.id());
    try {
      if (status >= HttpStatus.INTERNAL_SERVER_ERROR_500) {
        log.error(line);
      } else if (status >= HttpStatus.BAD_REQUEST_400) {
        log.warn(line);
      } else {
        log.info(line);
      }
    } finally {
      MDC.remove(RequestContext.MDC_KEY);
    }
  }

  private static boolean isAdmin(Request request) {
    return ADMIN_CONNECTOR.equals(request.getConnectionMetaData().getConnector().getName());
  }

  private static RequestContext contextOf(Request request) {
    if (request.getAttribute(RequestContext.ATTRIBUTE) instanceof RequestContext context) {
      return context;
    }
    // Jetty refused the request before any handler saw it (a request line it could not parse).
    return RequestContext.forIncomingId(null);
  }

  static String line(Request request, Response response, int status, RequestContext context) {
    Logfmt line =
        new Logfmt()
            .text("req_id", context.id())
            .text("method", request.getMethod())
            .text("uri", AccessTokenParameter.blanked(request.getHttpURI().getPathQuery()))
            .text("ip", Request.getRemoteAddr(request))
            .text("key", context.keyName())
            .number("status", status)
            .millis("time_ms", System.nanoTime() - request.getBeginNanoTime())
            .number("bytes", Response.getContentBytesWritten(response))
            .text("agent", request.getHeaders().get(HttpHeader.USER_AGENT));
    if (status >= HttpStatus.BAD_REQUEST_400) {
      String reason = context.reason();
      line.text("reason", reason != null ? reason : HttpStatus.getMessage(status));
    }
    Throwable failure = context.failure();
    if (failure != null) {
      line.text("error", stackTraceOf(failure));
    }
    return line.toString();
  }

  private static String stackTraceOf(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return trace.toString().stripTrailing();
  }
}
