package org.addrservice.errors;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what is left of a request body after an error answer (404, 405, 415, ...), which is given
 * before the body is read. Without it, Jetty closes the connection after answering when the body
 * has not fully arrived yet, and a client that reuses the connection sees its next request fail. A
 * body longer than the limit is not read: the answer then says {@code Connection: close}.
 */
public final class UnreadBodyDrainer implements ContainerResponseFilter {

  private final long maxBytes;

  public UnreadBodyDrainer(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400) {
      return;
    }
    try {
      if (request.hasEntity() && !drain(request.getEntityStream())) {
        response.getHeaders().putSingle("Connection", "close");
      }
    } catch (IOException | RuntimeException e) {
      // The body cannot be read (the client hung up, say): the connection is not worth keeping.
      response.getHeaders().putSingle("Connection", "close");
    }
  }

  /** Reads and drops the rest of {@code body}; answers false when more than the limit is left. */
  private boolean drain(InputStream body) throws IOException {
    byte[] buffer = new byte[8192];
    long left = maxBytes;
    while (left > 0) {
      int read = body.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        return true;
      }
      left -= read;
    }
    return body.read() < 0;
  }
}
