package org.addrservice.core;

/** An idempotency key that breaks the key rules (see {@code IdempotencyKey}). */
public final class InvalidIdempotencyKeyException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  public InvalidIdempotencyKeyException() {
    super("Invalid idempotency key");
  }
}
