package org.addrservice.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryIdTest {

  @Test
  void generatedIdsAre32LowerCaseHexCharacters() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(EntryId.generate()).matches("[0-9a-f]{32}");
    }
  }

  @Test
  void generatedIdsAreUnique() {
    int count = 100_000;
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      ids.add(EntryId.generate());
    }

    assertThat(ids).hasSize(count);
  }

  @Test
  void generatedIdsAreWellFormed() {
    assertThat(EntryId.isWellFormed(EntryId.generate())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "Z",
        "0",
        "-",
        "abc-DEF-123",
        "0123456789abcdef0123456789abcdef",
        "123e4567-e89b-12d3-a456-426614174000"
      })
  void acceptsLettersDigitsAndDashes(String id) {
    assertThat(EntryId.isWellFormed(id)).isTrue();
  }

  @Test
  void acceptsAnIdOfExactlyTheMaximumLength() {
    assertThat(EntryId.MAX_LENGTH).isEqualTo(128);
    assertThat(EntryId.isWellFormed("a".repeat(128))).isTrue();
  }

  @Test
  void rejectsAnIdOneCharacterTooLong() {
    assertThat(EntryId.isWellFormed("a".repeat(129))).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "..", ".", "../x", "..\\x", "a/b", "/a", "a\\b", "a.b", "a.json", "a%2F", "a b", " a",
        "a\n", "a_b", "a:b", "a*", "zoë", "李", "🐉", "ａ", "١٢٣", "a\u0000", "\u0000"
      })
  void rejectsEverythingElse(String id) {
    assertThat(EntryId.isWellFormed(id)).isFalse();
  }
}
