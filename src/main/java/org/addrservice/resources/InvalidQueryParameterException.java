package org.addrservice.resources;

import java.util.List;

/** Query parameters the book cannot be read with; each error names its parameter. */
public final class InvalidQueryParameterException extends UnreadableRequestException {

  private static final long serialVersionUID = 1L;

  private final List<String> errors;

  public InvalidQueryParameterException(List<String> errors) {
    super("Invalid query parameters: " + String.join("; ", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
