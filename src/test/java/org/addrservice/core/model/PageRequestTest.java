package org.addrservice.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;
import org.addrservice.core.EntryFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void aPageOfLessThanOneEntryCannotBeAskedFor(int limit) {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new PageRequest(Optional.empty(), limit, Long.MAX_VALUE, Optional.empty()));
  }

  @Test
  void withoutASearchEveryEntryMatches() {
    PageRequest request = new PageRequest(Optional.empty(), 1, Long.MAX_VALUE, Optional.empty());

    assertThat(request.foldedNameContains()).isEmpty();
    assertThat(request.matches(EntryFixtures.entry("unicode-cjk-emoji"))).isTrue();
  }

  @Test
  void theSearchIsComparedFolded() {
    PageRequest request = new PageRequest(Optional.empty(), 1, Long.MAX_VALUE, Optional.of("BILL"));

    assertThat(request.foldedNameContains()).contains("bill");
    assertThat(request.matches(EntryFixtures.entry("minimal"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void aPageOfLessThanOneByteCannotBeAskedFor(long maxBytes) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PageRequest(Optional.empty(), 1, maxBytes, Optional.empty()));
  }
}
