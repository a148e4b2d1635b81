package org.addrservice.core;

/** A request the address book refuses, for a reason the client can fix. */
public abstract class AddressBookException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected AddressBookException(String message) {
    super(message, null, false, false);
  }
}
