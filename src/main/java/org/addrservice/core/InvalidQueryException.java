package org.addrservice.core;

import java.util.List;

/** A page query the book cannot be read with; one problem per part that breaks a rule. */
public final class InvalidQueryException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidQueryException(List<String> problems) {
    super("The page cannot be read: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
