package org.addrservice.core;

/** A request body that is not a single well-formed JSON document. */
public final class MalformedEntryException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  private final String detail;

  public MalformedEntryException(String detail) {
    super("Invalid JSON body");
    this.detail = detail;
  }

  /** What the parser found wrong, and where; safe to show to the client. */
  public String detail() {
    return detail;
  }
}
