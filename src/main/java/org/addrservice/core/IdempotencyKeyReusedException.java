package org.addrservice.core;

/**
 * A create under an idempotency key that is already known, with a body other than the one the key
 * was first used with: most likely a client bug (a key reused for a new request), so nothing is
 * stored.
 */
public final class IdempotencyKeyReusedException extends AddressBookException {

  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReusedException() {
    super("Idempotency key reused with a different body");
  }
}
