package org.addrservice.auth;

import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Dropwizard's bearer filter also takes the key from an {@code access_token} query parameter. A URI
 * ends up in logs, proxies and browser histories, so such a request is refused as if it had no key,
 * and clients learn to send the header instead.
 */
@Priority(Priorities.AUTHENTICATION - 1)
final class KeysStayOutOfUrisFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    if (request
        .getUriInfo()
        .getQueryParameters()
        .containsKey(OAuthCredentialAuthFilter.OAUTH_ACCESS_TOKEN_PARAM)) {
      throw new AuthenticationRequiredException(
          AuthFactory.SCHEME + " realm=\"" + AuthFactory.REALM + "\"");
    }
  }
}
