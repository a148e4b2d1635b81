package org.addrservice.store.sql;

import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * How {@link SqlStore} makes its writes durable: each write's result is answered only once it is on
 * disk.
 */
interface SqlWrites {

  /**
   * Runs {@code write}, whose one changing statement comes first (anything after it only reads),
   * and answers its result once committed.
   */
  <T> T run(Function<HandleDaos, T> write);

  /**
   * Runs {@code write}, whose statements take effect together or not at all, and answers its result
   * once committed. When {@code write} throws, none of its statements take effect.
   */
  <T> T runAtomically(Function<HandleDaos, T> write);

  /**
   * Each write on a connection of the pool, committed on its own: a single statement in auto-commit
   * mode, an atomic write in a transaction. What a server database, which commits concurrent
   * transactions together by itself, wants.
   */
  static SqlWrites eachOnItsOwn(Jdbi jdbi) {
    return new SqlWrites() {
      @Override
      public <T> T run(Function<HandleDaos, T> write) {
        return jdbi.withHandle(handle -> write.apply(new HandleDaos(handle)));
      }

      @Override
      public <T> T runAtomically(Function<HandleDaos, T> write) {
        return jdbi.inTransaction(handle -> write.apply(new HandleDaos(handle)));
      }
    };
  }
}
