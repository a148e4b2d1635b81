package org.addrservice.core;

/** A request body longer than the configured limit; it is never read to its end. */
public final class EntryTooLargeException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  /** The message of every answer to a body over the limit, wherever it is found to be. */
  public static final String MESSAGE = "Request body too large";

  private final long limitBytes;

  public EntryTooLargeException(long limitBytes) {
    super(MESSAGE);
    this.limitBytes = limitBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
