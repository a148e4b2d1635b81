package org.addrservice.resources;

/** A request body longer than the configured limit; it is never read to its end. */
public final class BodyTooLargeException extends UnreadableRequestException {

  private static final long serialVersionUID = 1L;

  private final long limitBytes;

  public BodyTooLargeException(long limitBytes) {
    super("The body is longer than " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
