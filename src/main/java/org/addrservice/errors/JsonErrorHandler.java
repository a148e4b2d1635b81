package org.addrservice.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.addrservice.api.ErrorBody;
import org.addrservice.http.RequestBody;
import org.addrservice.http.SecurityHeaders;
import org.addrservice.logging.AccessTokenParameter;
import org.addrservice.logging.RequestContext;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers before (or instead of) Jersey: malformed or ambiguous URIs, headers too
 * large, and the like, and the requests the service's own Jetty handlers refuse ({@link #refuse}).
 * They get the same JSON error body as every other failure, and never a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpField JSON_CONTENT_TYPE =
      new HttpField(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());

  /** What Jetty puts in place of a request line it could not parse. */
  private static final String UNPARSED_METHOD = "BAD";

  private static final String UNPARSED_URI = "/badMessage";

  public JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowOrigin(false);
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    String method = request.getMethod();
    String uri = request.getHttpURI().getPathQuery();
    if (UNPARSED_METHOD.equals(method) && UNPARSED_URI.equals(uri)) {
      // Jetty could not parse the request line and stands these in; the client sent neither.
      method = null;
      uri = null;
    }
    if (code >= HttpStatus.INTERNAL_SERVER_ERROR_500 && cause != null) {
      contextOf(request).setFailure(cause);
    }
    String reason = reasonFor(code);
    List<String> errors =
        message == null
                || message.isBlank()
                || message.equals(reason)
                || message.equals(phrase(code))
            ? List.of()
            : List.of(message);
    write(request, response, callback, method, uri, code, reason, errors);
  }

  /**
   * Answers, from a Jetty handler, a request the handler refuses: {@code code} with the JSON error
   * body. When the request announced a body, the answer says {@code Connection: close}: the body is
   * not read to its end, so the connection cannot carry another request; what comes of it for a
   * moment after the answer is dropped (see {@link LingeringBody}), so that the client reads the
   * answer rather than a reset.
   */
  public static void refuse(
      Request request,
      Response response,
      Callback callback,
      int code,
      String message,
      List<String> errors) {
    response.setStatus(code);
    Callback answered = callback;
    if (RequestBody.isAnnounced(request)) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      answered = LingeringBody.afterTheAnswer(request, callback);
    }
    write(
        request,
        response,
        answered,
        request.getMethod(),
        request.getHttpURI().getPathQuery(),
        code,
        message,
        errors);
  }

  private static void write(
      Request request,
      Response response,
      Callback callback,
      String method,
      String uri,
      int code,
      String message,
      List<String> errors) {
    RequestContext context = contextOf(request);
    context.setReason(message);
    byte[] body =
        bodyFor(method, AccessTokenParameter.blanked(uri), code, message, errors, context.id());
    response.getHeaders().put(RequestContext.HEADER, context.id());
    SecurityHeaders.addTo(response.getHeaders());
    response.getHeaders().put(JSON_CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    if (!request.getConnectionMetaData().isPersistent()) {
      // Jetty closes the connection after refusing a request it could not accept (an ambiguous
      // URI, headers too large). Saying so keeps a keep-alive client from sending its next
      // request into the closing connection and failing on it.
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static RequestContext contextOf(Request request) {
    if (request.getAttribute(RequestContext.ATTRIBUTE) instanceof RequestContext context) {
      return context;
    }
    // Jetty refused the request before the request-id handler saw it.
    RequestContext context =
        RequestContext.forIncomingId(request.getHeaders().get(RequestContext.HEADER));
    request.setAttribute(RequestContext.ATTRIBUTE, context);
    return context;
  }

  private static String reasonFor(int code) {
    return code == HttpStatus.NOT_FOUND_404 ? "Unknown Endpoint" : phrase(code);
  }

  private static byte[] bodyFor(
      String method, String uri, int code, String message, List<String> errors, String requestId) {
    try {
      return JSON.writeValueAsBytes(new ErrorBody(method, uri, code, message, errors, requestId));
    } catch (JsonProcessingException e) {
      return ("{\"code\":" + code + "}").getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String phrase(int code) {
    String phrase = HttpStatus.getMessage(code);
    return phrase == null ? "HTTP " + code : phrase;
  }
}
