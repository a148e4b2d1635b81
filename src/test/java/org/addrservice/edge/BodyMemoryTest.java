package org.addrservice.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyMemoryTest {

  @Test
  void aReservationTakesItsBytesUntilReleased() {
    BodyMemory memory = new BodyMemory(100);

    assertThat(memory.reserve(60)).isTrue();
    assertThat(memory.free()).isEqualTo(40);

    memory.release(60);
    assertThat(memory.free()).isEqualTo(100);
  }

  @Test
  void aReservationLargerThanWhatIsLeftTakesNothing() {
    BodyMemory memory = new BodyMemory(100);
    memory.reserve(60);

    assertThat(memory.reserve(41)).isFalse();
    assertThat(memory.free()).isEqualTo(40);
    assertThat(memory.reserve(40)).isTrue();
    assertThat(memory.free()).isZero();
  }
}
