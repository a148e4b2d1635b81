package org.addrservice.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The README's table "What was tried and what the service answered" and the abuse suite stay one:
 * every row names a test that exists, and every test has its row.
 */
class AbuseTableTest {

  private static final String HEADING = "### What was tried and what the service answered";

  /** The last cell of a row: the test, as {@code method} or {@code Class.method}. */
  private static final Pattern TEST_CELL =
      Pattern.compile("\\| `(?:([A-Za-z]+)\\.)?([A-Za-z0-9]+)` \\|$");

  @Test
  void everyRowNamesATestAndEveryTestHasARow() throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : tableLines()) {
      Matcher cell = TEST_CELL.matcher(line);
      assertThat(cell.find()).as(line).isTrue();
      String className = cell.group(1) == null ? "AbuseSuiteTest" : cell.group(1);
      rows.add(className + "." + cell.group(2));
    }

    List<String> tests =
        Stream.of(
                AbuseSuiteTest.class,
                BodyAbuseTest.class,
                BodyFloodTest.class,
                ConnectionFloodTest.class,
                HeldConnectionsIT.class)
            .flatMap(
                type ->
                    Arrays.stream(type.getDeclaredMethods())
                        .filter(AbuseTableTest::isTest)
                        .map(method -> type.getSimpleName() + "." + method.getName()))
            .toList();

    assertThat(rows).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(tests);
  }

  private static boolean isTest(Method method) {
    return method.isAnnotationPresent(Test.class)
        || method.isAnnotationPresent(ParameterizedTest.class);
  }

  /** The table's rows, without its header and separator lines. */
  private static List<String> tableLines() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int heading = lines.indexOf(HEADING);
    assertThat(heading).as("README.md has the heading " + HEADING).isNotNegative();
    List<String> table =
        lines.subList(heading + 1, lines.size()).stream()
            .dropWhile(line -> !line.startsWith("|"))
            .takeWhile(line -> line.startsWith("|"))
            .toList();
    assertThat(table).hasSizeGreaterThan(2);
    return table.subList(2, table.size());
  }
}
