package org.addrservice.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import org.addrservice.AddrServiceConfiguration;
import org.junit.jupiter.api.Test;

/** The body gate's settings: their documented defaults, and values no gate can work with. */
class BodyGateConfigTest {

  @Test
  void withoutALimitsSectionABodyMustComeAt1KibASecondOnceTenSecondsArePast() {
    LimitsFactory limits = new AddrServiceConfiguration().getLimits();

    assertThat(limits.getMinBodyDataRate()).isEqualTo(DataSize.kibibytes(1));
    assertThat(limits.getBodyGracePeriod()).isEqualTo(Duration.seconds(10));
    assertThat(limits.getBodyMemory()).isEqualTo(DataSize.mebibytes(16));
    assertThat(limits.buildBodyGate()).isNotNull();
  }

  @Test
  void aGateCannotBeBuiltWithoutARateOrBeyondWhatOneBodyCanHold() {
    java.time.Duration grace = java.time.Duration.ofSeconds(1);
    long memory = 1L << 32;
    assertThatIllegalArgumentException().isThrownBy(() -> new BodyGate(1024, 0, grace, memory));
    assertThatIllegalArgumentException().isThrownBy(() -> new BodyGate(0, 1024, grace, memory));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new BodyGate(Integer.MAX_VALUE, 1024, grace, memory));
    assertThatIllegalArgumentException()
        .as("the memory for bodies must hold one")
        .isThrownBy(() -> new BodyGate(1024, 1024, grace, 1023));
    assertThat(new BodyGate(1024, 1024, grace, 1024).memoryFree()).isEqualTo(1024);
  }
}
