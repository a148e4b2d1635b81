package org.addrservice.core.port;

/**
 * What became of a replace or a delete.
 *
 * @param outcome whether it was written, and if not, why
 * @param version the entry's version after a replace; 0 otherwise
 */
public record WriteResult(Outcome outcome, long version) {

  public static final WriteResult NOT_FOUND = new WriteResult(Outcome.NOT_FOUND, 0);
  public static final WriteResult VERSION_MISMATCH = new WriteResult(Outcome.VERSION_MISMATCH, 0);
  public static final WriteResult DELETED = new WriteResult(Outcome.WRITTEN, 0);

  /** Why a write was, or was not, made. */
  public enum Outcome {
    WRITTEN,
    /** There is no entry with that id. */
    NOT_FOUND,
    /** There is one, but its version is not one the write was conditional on. */
    VERSION_MISMATCH
  }

  public static WriteResult replaced(long version) {
    return new WriteResult(Outcome.WRITTEN, version);
  }

  public boolean written() {
    return outcome == Outcome.WRITTEN;
  }
}
