package org.addrservice.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class CausesTest {

  @Test
  void findAnswersTheFailureItselfWhenItIsWanted() {
    IllegalStateException failure = new IllegalStateException("top");

    assertThat(Causes.find(failure, IllegalStateException.class::isInstance)).containsSame(failure);
  }

  @Test
  void findAnswersTheFirstWantedCauseDownTheChain() {
    IOException io = new IOException("disk");
    IllegalStateException inner = new IllegalStateException("inner", io);
    RuntimeException outer = new RuntimeException("outer", new IllegalStateException("mid", inner));

    assertThat(Causes.find(outer, IllegalStateException.class::isInstance))
        .get()
        .extracting(Throwable::getMessage)
        .isEqualTo("mid");
    assertThat(Causes.find(outer, IOException.class::isInstance)).containsSame(io);
  }

  @Test
  void findAnswersEmptyWhenNoCauseIsWanted() {
    RuntimeException failure = new RuntimeException(new IOException());

    assertThat(Causes.find(failure, UncheckedIOException.class::isInstance)).isEmpty();
  }

  @Test
  void rootIsTheCauseThatHasNoCause() {
    IOException io = new IOException("disk");

    assertThat(Causes.root(new RuntimeException(new IllegalStateException(io)))).isSameAs(io);
    assertThat(Causes.root(io)).isSameAs(io);
  }

  @Test
  void aChainThatLoopsIsWalkedOnce() {
    Looping first = new Looping("first");
    Looping second = new Looping("second");
    first.next = second;
    second.next = first;

    assertThat(Causes.find(first, IOException.class::isInstance)).isEmpty();
    assertThat(Causes.root(first)).isIn(first, second);
  }

  /** A failure whose cause can be set to form a loop, which {@code initCause} refuses. */
  private static final class Looping extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private transient Looping next;

    Looping(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable getCause() {
      return next;
    }
  }
}
