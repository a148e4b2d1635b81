package org.addrservice.core;

/** A conditional write named a version of the entry that is no longer (or never was) stored. */
public final class VersionMismatchException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  public VersionMismatchException() {
    super("Entry version mismatch");
  }
}
