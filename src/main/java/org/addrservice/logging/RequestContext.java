package org.addrservice.logging;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * What the service learns about one request while it serves it: the request id, the name of the API
 * key it was authenticated with, and on failure the reason given to the client and the exception
 * behind it. It travels as a request attribute from the first handler, through the error mappers,
 * to the canonical log line.
 */
public final class RequestContext {

  /** The request attribute that holds it. */
  public static final String ATTRIBUTE = RequestContext.class.getName();

  /** The header that carries the id in both directions. */
  public static final String HEADER = "X-Request-Id";

  /** The MDC key under which every line logged while serving the request carries the id. */
  public static final String MDC_KEY = "req_id";

  private static final HexFormat HEX = HexFormat.of();

  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private final String id;
  private volatile String reason;
  private volatile Throwable failure;
  private volatile String keyName;

  private RequestContext(String id) {
    this.id = id;
  }

  /** The context for a request that sent {@code incomingId} (may be null) as its request id. */
  public static RequestContext forIncomingId(String incomingId) {
    boolean sane = incomingId != null && SANE_ID.matcher(incomingId).matches();
    return new RequestContext(sane ? incomingId : newId());
  }

  /**
   * A fresh id: 32 lower-case hex characters. An id names a request in logs and answers; it guards
   * nothing, so it comes from the thread's own generator rather than from a shared SecureRandom,
   * which every request thread would otherwise queue for.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
  }

  public String id() {
    return id;
  }

  /** The message the client was given, for a request that failed. */
  public String reason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  /** The exception that made the request fail, when there was one worth a stack trace. */
  public Throwable failure() {
    return failure;
  }

  public void setFailure(Throwable failure) {
    this.failure = failure;
  }

  /** The name of the API key the request was authenticated with; never the key itself. */
  public String keyName() {
    return keyName;
  }

  public void setKeyName(String keyName) {
    this.keyName = keyName;
  }
}
