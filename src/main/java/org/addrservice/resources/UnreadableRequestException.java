package org.addrservice.resources;

/**
 * A request the web edge cannot turn into the values the service takes: a body that is not one JSON
 * document, query parameters or headers that say nothing the service could be asked. The permitted
 * subclasses are every such reason there is.
 */
public abstract sealed class UnreadableRequestException extends RuntimeException
    permits BodyTooLargeException,
        InvalidIdempotencyKeyHeaderException,
        InvalidQueryParameterException,
        MalformedBodyException {

  private static final long serialVersionUID = 1L;

  UnreadableRequestException(String message) {
    super(message, null, false, false);
  }
}
