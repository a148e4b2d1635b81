package org.addrservice.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/** The headers every answer of both ports carries, whoever writes the answer. */
public final class SecurityHeaders {

  /** Browsers must not guess a type other than the declared one, say HTML in a JSON body. */
  private static final HttpField NOSNIFF = new HttpField("X-Content-Type-Options", "nosniff");

  private SecurityHeaders() {}

  public static void addTo(HttpFields.Mutable headers) {
    headers.put(NOSNIFF);
  }
}
