package org.addrservice.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.addrservice.core.EntryFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void aPageOfLessThanOneEntryCannotBeAskedFor(int limit) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PageRequest(Optional.empty(), limit, Optional.empty()));
  }

  @Test
  void withoutASearchEveryEntryMatches() {
    PageRequest request = new PageRequest(Optional.empty(), 1, Optional.empty());

    assertThat(request.foldedNameContains()).isEmpty();
    assertThat(request.matches(EntryFixtures.entry("unicode-cjk-emoji"))).isTrue();
  }

  @Test
  void theSearchIsComparedFolded() {
    PageRequest request = new PageRequest(Optional.empty(), 1, Optional.of("BILL"));

    assertThat(request.foldedNameContains()).contains("bill");
    assertThat(request.matches(EntryFixtures.entry("minimal"))).isTrue();
  }

  @Test
  void aPageTakesNoMoreThanItsLimitAndSaysWhetherMoreMatch() {
    AddressEntry bill = EntryFixtures.entry("minimal");
    PageRequest two = new PageRequest(Optional.empty(), 2, Optional.empty());

    EntryPage full =
        EntryPage.of(
            Stream.of(Map.entry("a", bill), Map.entry("b", bill), Map.entry("c", bill)), two);
    EntryPage exact = EntryPage.of(Stream.of(Map.entry("a", bill), Map.entry("b", bill)), two);

    assertThat(full.entries()).containsOnlyKeys("a", "b");
    assertThat(full.hasMore()).isTrue();
    assertThat(exact.entries()).containsOnlyKeys("a", "b");
    assertThat(exact.hasMore()).isFalse();
  }
}
