package org.addrservice.core;

/**
 * A request the address book refuses, for a reason the client can fix. The permitted subclasses are
 * every such reason there is, so that whoever answers them (the web layer's error table) can tell
 * when one is missing.
 */
public abstract sealed class AddressBookException extends RuntimeException
    permits EntryNotFoundException,
        IdempotencyKeyReusedException,
        InvalidEntryException,
        InvalidQueryException,
        PreconditionRequiredException,
        UnstorableTextException,
        VersionMismatchException {

  private static final long serialVersionUID = 1L;

  protected AddressBookException(String message) {
    super(message, null, false, false);
  }
}
