package org.addrservice.core.port;

/**
 * The backing storage of a store cannot be used; the request may succeed when it is retried. It is
 * no {@code AddressBookException}: those are requests the book refuses for a reason the client can
 * fix, and this is the store failing, whatever the request.
 */
public class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
