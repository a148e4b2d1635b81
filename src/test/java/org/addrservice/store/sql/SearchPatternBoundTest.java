package org.addrservice.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.addrservice.core.model.NameFolding;
import org.addrservice.core.model.PageRequest;
import org.junit.jupiter.api.Test;

/**
 * The longest search the service lets through makes a LIKE pattern far shorter than SQLite's limit
 * (SQLITE_MAX_LIKE_PATTERN_LENGTH, 50,000 bytes), whatever its characters: the fold of a text is
 * never longer than the folds of its characters one by one, so the longest pattern is the longest
 * search of the character whose folded and escaped form takes the most bytes.
 */
class SearchPatternBoundTest {

  private static final int SQLITE_LIKE_PATTERN_LIMIT = 50_000;

  @Test
  void theLongestSearchOfAnyCharacterMakesAPatternFarBelowSqlitesLimit() {
    int mostBytes = 0;
    int widest = 0;
    for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      if (Character.getType(codePoint) == Character.SURROGATE) {
        continue;
      }
      int bytes = patternBytes(Character.toString(codePoint)) - 2;
      if (bytes > mostBytes) {
        mostBytes = bytes;
        widest = codePoint;
      }
    }
    String longest = Character.toString(widest).repeat(PageRequest.MAX_SEARCH_LENGTH);

    assertThat(widest).as("the character that folds widest").isEqualTo(0xFDFA);
    assertThat(patternBytes(longest))
        .isEqualTo(PageRequest.MAX_SEARCH_LENGTH * mostBytes + 2)
        .isLessThan(SQLITE_LIKE_PATTERN_LIMIT / 4);
  }

  private static int patternBytes(String search) {
    return SqlStore.containsPattern(NameFolding.fold(search))
        .getBytes(StandardCharsets.UTF_8)
        .length;
  }
}
