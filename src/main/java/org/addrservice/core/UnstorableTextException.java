package org.addrservice.core;

/** A document holding a string or member name that no store can keep (see {@link StorableText}). */
public final class UnstorableTextException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  private final String detail;

  public UnstorableTextException(String detail) {
    super("The document holds text no store can keep");
    this.detail = detail;
  }

  /** Where the text is and what is wrong with it, as {@code "<json path>: <problem>"}. */
  public String detail() {
    return detail;
  }
}
