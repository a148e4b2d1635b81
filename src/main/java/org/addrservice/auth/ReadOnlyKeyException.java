package org.addrservice.auth;

/** A key whose role only reads was presented with a request that would change something. */
public final class ReadOnlyKeyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ApiKey key;

  public ReadOnlyKeyException(ApiKey key) {
    super("Forbidden");
    this.key = key;
  }

  public ApiKey key() {
    return key;
  }
}
