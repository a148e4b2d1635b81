package org.addrservice.store.sql;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * How {@link SqlStore} makes its writes durable. A write is a unit of work on a handle whose
 * statements take effect together or not at all, and whose result is answered only once it is on
 * disk.
 */
interface SqlWrites {

  /**
   * Runs {@code write} and answers its result once it is committed. When {@code write} throws, none
   * of its statements take effect and the exception is rethrown.
   */
  <T> T run(HandleCallback<T, RuntimeException> write);

  /** One transaction per write, on a connection of the pool: what a server database wants. */
  static SqlWrites eachInItsOwnTransaction(Jdbi jdbi) {
    return new SqlWrites() {
      @Override
      public <T> T run(HandleCallback<T, RuntimeException> write) {
        return jdbi.inTransaction(write);
      }
    };
  }
}
