package org.addrservice.resources;

/** A request body that is not a single well-formed JSON document. */
public final class MalformedBodyException extends UnreadableRequestException {

  private static final long serialVersionUID = 1L;

  private final String detail;

  public MalformedBodyException(String detail) {
    super("The body is not one JSON document: " + detail);
    this.detail = detail;
  }

  /** What the parser found wrong, and where; safe to show to the client. */
  public String detail() {
    return detail;
  }
}
