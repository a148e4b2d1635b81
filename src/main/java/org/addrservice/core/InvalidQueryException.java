package org.addrservice.core;

import java.util.List;

/** Query parameters the book cannot be read with; each error names its parameter. */
public final class InvalidQueryException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  private final List<String> errors;

  public InvalidQueryException(List<String> errors) {
    super("Invalid query parameter");
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
