package org.addrservice.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.addrservice.errors.JsonErrorHandler;
import org.addrservice.logging.AccessTokenParameter;
import org.addrservice.logging.RequestContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets a request into the API only with a configured key, and a reader's only to read. It decides
 * on the request line and headers alone, before a byte of a body is read (so no {@code 100
 * Continue} goes out) and before the request holds anything else of the service, and it answers
 * every path and method alike: a client without a key learns nothing of what is there.
 *
 * <p>A key in an {@code access_token} query parameter is refused as if there were none, even a
 * valid one: a URI ends up in logs, proxies and browser histories, and clients learn to send the
 * header instead.
 */
public final class ApiKeyCheck extends Handler.Wrapper {

  /** What a reader may do: read, and ask what it may do. */
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private static final String CHALLENGE =
      AuthFactory.SCHEME + " realm=\"" + AuthFactory.REALM + "\"";

  private final ApiKeyAuthenticator authenticator;

  public ApiKeyCheck(ApiKeyAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Optional<ApiKey> presented = keyOf(request);
    if (presented.isEmpty()) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, CHALLENGE);
      JsonErrorHandler.refuse(
          request,
          response,
          callback,
          HttpStatus.UNAUTHORIZED_401,
          "Authentication required",
          List.of("send a configured API key in the header Authorization: Bearer <key>"));
      return true;
    }
    ApiKey key = presented.get();
    if (request.getAttribute(RequestContext.ATTRIBUTE) instanceof RequestContext context) {
      context.setKeyName(key.name());
    }
    if (key.role() == Role.READER && !READS.contains(request.getMethod())) {
      JsonErrorHandler.refuse(
          request,
          response,
          callback,
          HttpStatus.FORBIDDEN_403,
          "Forbidden",
          List.of(
              "the key "
                  + key.name()
                  + " has the role "
                  + key.role().label()
                  + ", which may only read (GET, HEAD, OPTIONS)"));
      return true;
    }
    return super.handle(request, response, callback);
  }

  /**
   * The configured key in the request's one {@code Authorization: Bearer <key>} header (the scheme
   * in any case, one space, the rest is the key), if there is exactly one such header and no key in
   * the query. Two headers are ambiguous: no guess is made which one counts.
   */
  private Optional<ApiKey> keyOf(Request request) {
    if (AccessTokenParameter.isIn(request.getHttpURI().getQuery())) {
      return Optional.empty();
    }
    List<String> headers = request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION);
    if (headers.size() != 1) {
      return Optional.empty();
    }
    String header = headers.get(0);
    int space = header.indexOf(' ');
    if (space <= 0 || !AuthFactory.SCHEME.equalsIgnoreCase(header.substring(0, space))) {
      return Optional.empty();
    }
    return authenticator.authenticate(header.substring(space + 1));
  }
}
