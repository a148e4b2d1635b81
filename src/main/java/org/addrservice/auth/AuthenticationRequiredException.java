package org.addrservice.auth;

/** A request to the API came without a key, or with one that is not configured. */
public final class AuthenticationRequiredException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String challenge;

  public AuthenticationRequiredException(String challenge) {
    super("Authentication required");
    this.challenge = challenge;
  }

  /** The {@code WWW-Authenticate} value that tells the client how to authenticate. */
  public String challenge() {
    return challenge;
  }
}
