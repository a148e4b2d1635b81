package org.addrservice.resources;

/** An {@code Idempotency-Key} header sent more than once, or holding no well-formed key. */
public final class InvalidIdempotencyKeyHeaderException extends UnreadableRequestException {

  private static final long serialVersionUID = 1L;

  public InvalidIdempotencyKeyHeaderException() {
    super("Invalid Idempotency-Key header");
  }
}
