package org.addrservice.core;

/** Writes must name the version they change, and this one did not. */
public final class PreconditionRequiredException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  public PreconditionRequiredException() {
    super("The write names no version of the entry it changes");
  }
}
