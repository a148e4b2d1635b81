package org.addrservice.auth;

import java.security.Principal;

/** The client behind a request: the name and role of the configured key it presented. */
public record ApiKey(String name, Role role) implements Principal {

  @Override
  public String getName() {
    return name;
  }
}
