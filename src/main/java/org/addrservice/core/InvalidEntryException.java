package org.addrservice.core;

import java.util.List;

/** A JSON document that breaks the address-entry schema; one violation per failing JSON path. */
public final class InvalidEntryException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  private final List<String> violations;

  public InvalidEntryException(List<String> violations) {
    super("JSON Schema validation failed");
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
