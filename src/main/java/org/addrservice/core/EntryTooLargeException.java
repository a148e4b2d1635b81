package org.addrservice.core;

/** A request body longer than the configured limit; it is never read to its end. */
public final class EntryTooLargeException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  private final long limitBytes;

  public EntryTooLargeException(long limitBytes) {
    super("Request body too large");
    this.limitBytes = limitBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
