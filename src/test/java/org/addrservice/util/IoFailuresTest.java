package org.addrservice.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

class IoFailuresTest {

  @Test
  void describeNamesTheKindOfFailureAndItsMessage() {
    assertThat(IoFailures.describe(new AccessDeniedException("/srv/export.jsonl")))
        .isEqualTo("AccessDenied: /srv/export.jsonl");
  }

  @Test
  void describeOfAFailureWithoutMessageIsItsKind() {
    assertThat(IoFailures.describe(new IOException())).isEqualTo("IO");
  }
}
