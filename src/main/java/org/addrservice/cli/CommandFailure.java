package org.addrservice.cli;

import java.util.List;

/**
 * A command could not do its job for a reason the user can fix (a missing file, a bad line). The
 * command prints the message, and the details before it, without a stack trace.
 */
final class CommandFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> details;

  CommandFailure(String message) {
    this(message, List.of(), null);
  }

  CommandFailure(String message, Throwable cause) {
    this(message, List.of(), cause);
  }

  CommandFailure(String message, List<String> details) {
    this(message, details, null);
  }

  private CommandFailure(String message, List<String> details, Throwable cause) {
    super(message, cause);
    this.details = List.copyOf(details);
  }

  /** One line per problem found, such as every bad line of an import file; may be empty. */
  List<String> details() {
    return details;
  }
}
