package org.addrservice.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** What the head of a request says about its body, before a byte of it is read. */
public final class RequestBody {

  private RequestBody() {}

  /** Whether {@code request} announced a body: a positive Content-Length, or chunks. */
  public static boolean isAnnounced(Request request) {
    return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > 0
        || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
  }
}
