package org.addrservice.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Set;
import org.addrservice.logging.RequestContext;

/**
 * Runs after authentication on every API request: names the key in the request's log line, and
 * refuses anything but a read to a key with the reader role. Checking the method here rather than
 * annotating each resource method means an endpoint added later is covered without a thought.
 */
@Priority(Priorities.AUTHORIZATION)
public final class ReadersOnlyReadFilter implements ContainerRequestFilter {

  private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

  @Override
  public void filter(ContainerRequestContext request) {
    if (!(request.getSecurityContext().getUserPrincipal() instanceof ApiKey key)) {
      // The authentication filter lets no request through without a key.
      throw new IllegalStateException("a request reached authorization without a key");
    }
    if (request.getProperty(RequestContext.ATTRIBUTE) instanceof RequestContext context) {
      context.setKeyName(key.name());
    }
    if (key.role() == Role.READER && !READS.contains(request.getMethod())) {
      throw new ReadOnlyKeyException(key);
    }
  }
}
