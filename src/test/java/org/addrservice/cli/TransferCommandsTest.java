package org.addrservice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.addrservice.core.EntryFixtures;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.store.fs.FileSystemStore;
import org.addrservice.testing.CommandLine;
import org.addrservice.testing.CommandLine.Outcome;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code export} and {@code import} commands, run through Dropwizard's real command line on
 * real stores: fs and SQLite always, PostgreSQL when {@value TestPostgres#URL_VARIABLE} is set.
 */
class TransferCommandsTest {

  @TempDir Path temp;

  // --- export ---

  @Test
  void exportOfAnEmptyStoreWritesAnEmptyFile() throws IOException {
    Path export = temp.resolve("empty.jsonl");

    Outcome outcome = CommandLine.run("export", fsConfig("empty").toString(), export.toString());

    assertThat(outcome.failure()).as(outcome.err()).isEmpty();
    assertThat(export).isRegularFile().isEmptyFile();
    assertThat(outcome.out()).contains("exported 0 entries from the fs store to " + export);
  }

  @Test
  void exportWritesEveryEntryWithItsIdAsOneLineOrderedById() throws IOException {
    seedFsStore("book");
    Path export = temp.resolve("book.jsonl");

    Outcome outcome = CommandLine.run("export", fsConfig("book").toString(), export.toString());

    assertThat(outcome.failure()).as(outcome.err()).isEmpty();
    assertThat(outcome.out())
        .contains("exported " + fixtureIds().size() + " entries from the fs store to " + export);
    List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
    List<String> ids = new ArrayList<>();
    for (String line : lines) {
      JsonNode document = Fixtures.exactJson(line);
      assertThat(document.properties()).hasSize(2);
      String id = document.get("id").textValue();
      ids.add(id);
      assertThat(document.get("entry")).isEqualTo(Fixtures.json(fixtureIds().get(id)));
    }
    assertThat(ids).containsExactlyElementsOf(fixtureIds().keySet());
  }

  @Test
  void exportWritesEveryNumberSpelledAsItWasStored() throws IOException {
    seedFsStore("book");
    Path export = temp.resolve("book.jsonl");

    CommandLine.run("export", fsConfig("book").toString(), export.toString());

    String spelled = Fixtures.text("entries/number-spellings.json").strip();
    assertThat(Files.readAllLines(export, StandardCharsets.UTF_8))
        .contains("{\"id\":\"number-spellings\",\"entry\":" + spelled + "}");
  }

  @Test
  void exportReplacesAnExistingFileAndLeavesNoTemporaryFileBehind() throws IOException {
    seedFsStore("book");
    Path directory = Files.createDirectory(temp.resolve("exports"));
    Path export = Files.writeString(directory.resolve("book.jsonl"), "an older export\n");

    Outcome outcome = CommandLine.run("export", fsConfig("book").toString(), export.toString());

    assertThat(outcome.failure()).as(outcome.err()).isEmpty();
    assertThat(Files.readAllLines(export)).hasSize(fixtureIds().size());
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(export);
    }
  }

  @Test
  void exportWritesAFileOnlyItsOwnerMayRead() throws IOException {
    seedFsStore("book");
    Path directory = Files.createDirectory(temp.resolve("exports"));
    Path export = Files.writeString(directory.resolve("book.jsonl"), "an older export\n");
    Files.setPosixFilePermissions(export, PosixFilePermissions.fromString("rw-r--r--"));

    Outcome outcome = CommandLine.run("export", fsConfig("book").toString(), export.toString());

    assertThat(outcome.failure()).as(outcome.err()).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(export)))
        .isEqualTo("rw-------");
  }

  @Test
  void exportToADashWritesTheEntriesAndNothingElseToStandardOutput() throws IOException {
    // A SQLite store migrates when it opens, and Liquibase talks; INFO logging goes to stdout.
    Path config = sqliteConfig("book", "INFO");
    Path file = temp.resolve("book.jsonl");
    seedFsStore("source");
    assertThat(
            CommandLine.run("export", fsConfig("source").toString(), file.toString()).succeeded())
        .isTrue();
    assertThat(CommandLine.run("import", config.toString(), file.toString()).succeeded()).isTrue();

    Outcome outcome = CommandLine.run("export", config.toString(), "-");

    assertThat(outcome.failure()).as(outcome.err()).isEmpty();
    assertThat(outcome.out()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(outcome.err())
        .contains(
            "exported "
                + fixtureIds().size()
                + " entries from the sqlite store to standard output");
  }

  @Test
  void exportToADashFromAStoreThatCannotBeOpenedPrintsNothingToStandardOutput() throws IOException {
    Path notADirectory = Files.writeString(temp.resolve("book"), "a file");

    Outcome outcome = CommandLine.run("export", fsConfig("book").toString(), "-");

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err())
        .isEqualToIgnoringNewLines(
            "addrservice export failed: the store directory "
                + notADirectory
                + " is a file, not a directory");
  }

  @Test
  void exportIntoAMissingDirectoryFailsInOneLineWithoutOpeningTheStore() {
    Path export = temp.resolve("no-such-directory").resolve("book.jsonl");
    Path database = temp.resolve("book.db");

    Outcome outcome =
        CommandLine.run("export", sqliteConfig("book", "WARN").toString(), export.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .contains("addrservice export failed: cannot write " + export + ": no directory ")
        .doesNotContain("\tat ");
    assertThat(database).doesNotExist();
  }

  @Test
  void exportToADirectoryFailsInOneLine() {
    Outcome outcome = CommandLine.run("export", fsConfig("book").toString(), temp.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .contains("addrservice export failed: " + temp + " is a directory")
        .doesNotContain("\tat ");
  }

  @Test
  void exportThatCannotWriteItsTemporaryFileFailsInOneLineAndLeavesNothing() throws IOException {
    // The longest name a file may have; the temporary file's name, built from it, is too long.
    Path export = Files.createDirectory(temp.resolve("exports")).resolve("e".repeat(255));

    Outcome outcome = CommandLine.run("export", fsConfig("book").toString(), export.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .contains("addrservice export failed: cannot write " + export + " (FileSystem: ")
        .contains("File name too long")
        .doesNotContain("\tat ");
    assertThat(export.getParent()).isEmptyDirectory();
  }

  @Test
  void exportThatCannotReplaceTheFileLeavesTheOldFileAndNoTemporaryFile() throws Exception {
    seedFsStore("book");
    Path directory = Files.createDirectory(temp.resolve("exports"));
    Path export = Files.writeString(directory.resolve("book.jsonl"), "an older export\n");
    // Not even root may replace an immutable file, so the rename into place fails.
    assumeThat(chattr("+i", export)).as("chattr +i works here").isTrue();
    Outcome outcome;
    try {
      outcome = CommandLine.run("export", fsConfig("book").toString(), export.toString());
    } finally {
      chattr("-i", export);
    }

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .startsWith("addrservice export failed: cannot write " + export + " (")
        .doesNotContain("\tat ");
    assertThat(export).hasContent("an older export");
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(export);
    }
  }

  @Test
  void exportFromAStoreThatCannotBeOpenedFailsInOneLine() throws IOException {
    Path notADirectory = Files.writeString(temp.resolve("book"), "a file");

    Outcome outcome =
        CommandLine.run(
            "export", fsConfig("book").toString(), temp.resolve("book.jsonl").toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .contains("addrservice export failed: the store directory " + notADirectory + " is a file")
        .doesNotContain("\tat ");
  }

  // --- moving data between stores ---

  @Test
  void entriesMoveFromFsToSqliteAndBackUnchanged() throws IOException {
    seedFsStore("source");

    List<Path> exports =
        moveThrough(fsConfig("source"), sqliteConfig("sqlite", "WARN"), fsConfig("target"));

    assertSameExports(exports);
    assertHoldsEveryFixture("target");
    // SQLite deletes its write-ahead log when the last connection closes: the pools were closed.
    assertThat(temp.resolve("sqlite.db-wal")).doesNotExist();
  }

  @Test
  @EnabledIfEnvironmentVariable(
      named = TestPostgres.URL_VARIABLE,
      matches = ".+",
      disabledReason = TestPostgres.HOW_TO_RUN)
  void entriesMoveFromFsThroughSqliteAndPostgresAndBackUnchanged() throws IOException {
    TestPostgres.truncate();
    seedFsStore("source");

    List<Path> exports =
        moveThrough(
            fsConfig("source"),
            sqliteConfig("sqlite", "WARN"),
            postgresConfig(),
            fsConfig("target"));

    assertSameExports(exports);
    assertHoldsEveryFixture("target");
  }

  /**
   * Exports the first store and imports that file into the next, and so on; then exports the last.
   * Answers every export file, in order.
   */
  private List<Path> moveThrough(Path... configs) {
    List<Path> exports = new ArrayList<>();
    for (int i = 0; i < configs.length; i++) {
      Path export = temp.resolve("export-" + i + ".jsonl");
      Outcome exported = CommandLine.run("export", configs[i].toString(), export.toString());
      assertThat(exported.failure()).as(exported.err()).isEmpty();
      exports.add(export);
      if (i + 1 < configs.length) {
        Outcome imported = CommandLine.run("import", configs[i + 1].toString(), export.toString());
        assertThat(imported.failure()).as(imported.err()).isEmpty();
        assertThat(imported.out())
            .contains("imported " + fixtureIds().size() + " entries into the ");
      }
    }
    return exports;
  }

  private static void assertSameExports(List<Path> exports) throws IOException {
    byte[] first = Files.readAllBytes(exports.get(0));
    assertThat(first).isNotEmpty();
    assertThat(new String(first, StandardCharsets.UTF_8))
        .contains(":" + Fixtures.text("entries/number-spellings.json").strip() + "}");
    for (Path export : exports) {
      assertThat(Files.readAllBytes(export)).as(export.toString()).isEqualTo(first);
    }
  }

  private void assertHoldsEveryFixture(String fsStore) {
    Map<String, JsonNode> stored = new TreeMap<>();
    FileSystemStore.open(temp.resolve(fsStore))
        .list()
        .forEach((id, entry) -> stored.put(id, entry.toJson()));
    Map<String, JsonNode> expected = new TreeMap<>();
    fixtureIds().forEach((id, fixture) -> expected.put(id, exactTree(fixture)));
    assertThat(stored).isEqualTo(expected);
  }

  /** The fixture as the service reads it: every number keeps its spelling. */
  private static JsonNode exactTree(String fixture) {
    return EntryFixtures.tree(Fixtures.path(fixture));
  }

  // --- import ---

  @Test
  void importKeepsTheIdsAndSaysHowManyEntriesItStored() throws IOException {
    Path file = Fixtures.path("transfer/byte-order-mark-and-blank-lines.jsonl");

    Outcome outcome = CommandLine.run("import", fsConfig("book").toString(), file.toString());

    assertThat(outcome.failure()).as(outcome.err()).isEmpty();
    assertThat(outcome.out()).contains("imported 2 entries into the fs store");
    assertThat(storedIn("book"))
        .containsOnlyKeys("alpha", "beta")
        .containsEntry("alpha", entry("{\"full_name\": \"Alpha\"}"));
  }

  @Test
  void importIntoAStoreThatAlreadyHoldsOneOfTheIdsFailsAndStoresNothing() throws IOException {
    Path file = Fixtures.path("transfer/byte-order-mark-and-blank-lines.jsonl");
    AddressEntry original = entry("{\"full_name\": \"Beta Original\"}");
    FileSystemStore.open(temp.resolve("book")).create("beta", original);

    Outcome outcome = CommandLine.run("import", fsConfig("book").toString(), file.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .contains("line 3: the id beta is already in the fs store")
        .contains("addrservice import failed: nothing imported: 1 problem in " + file)
        .doesNotContain("\tat ");
    assertThat(storedIn("book")).containsOnly(Map.entry("beta", original));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          schema-violation    | line 2: $.emails[0].kind: does not have a value in the enumeration
          nul-in-a-string     | line 2: $.full_name: must not hold U+0000
          lone-surrogate-in-a-member-name | line 2: $.addresses[0]: a member name must not hold an unpaired surrogate (U+DFFF), which is no character
          malformed-json      | line 2: not valid JSON (column 53): Unexpected end-of-input
          trailing-content    | line 2: not valid JSON (column 55): Trailing token
          duplicate-key       | line 2: not valid JSON (column 59): Duplicate field 'id'
          not-an-object       | line 2: not a JSON object with "id" and "entry"
          missing-id          | line 2: the field "id" is missing
          missing-entry       | line 2: the field "entry" is missing
          unknown-field       | line 2: unknown field "version"
          id-not-a-string     | line 2: the id is not a string
          malformed-id        | line 2: the id "../second" is not well formed
          duplicate-id        | line 2: the id first is already used on line 1
          entry-not-an-object | line 2: $: string found, object expected
          """)
  void importOfAFileWithOneInvalidEntryStoresNothingAndNamesTheLine(
      String fixture, String problem) {
    Path file = Fixtures.path("transfer/bad-lines/" + fixture + ".jsonl");

    Outcome outcome = CommandLine.run("import", fsConfig("book").toString(), file.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .contains(problem)
        .doesNotContain("line 1:", "line 3:")
        .contains("addrservice import failed: nothing imported: 1 problem in " + file)
        .doesNotContain("\tat ");
    assertThat(storedIn("book")).isEmpty();
  }

  @Test
  void importShowsALongBadIdCutShort() {
    Path file = Fixtures.path("transfer/bad-lines/id-too-long.jsonl");

    Outcome outcome = CommandLine.run("import", fsConfig("book").toString(), file.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .contains("line 2: the id \"" + "a".repeat(60) + "...\" is not well formed (1 to 128 of ")
        .doesNotContain("a".repeat(61));
    assertThat(storedIn("book")).isEmpty();
  }

  @Test
  void importNamesEveryFailingPathOfEveryEntryThatBreaksTheSchemaOnItsLine() throws IOException {
    List<Path> fixtures = EntryFixtures.invalidEntryFiles();
    List<String> lines = new ArrayList<>();
    lines.add(EntryLines.format("valid", entry("{\"full_name\": \"Valid\"}")));
    for (Path fixture : fixtures) {
      lines.add(line(EntryFixtures.nameOf(fixture), EntryFixtures.tree(fixture).get("entry")));
    }
    Path file = Files.write(temp.resolve("import.jsonl"), lines, StandardCharsets.UTF_8);

    Outcome outcome = CommandLine.run("import", fsConfig("book").toString(), file.toString());

    assertThat(outcome.failure()).isPresent();
    int failingPaths = 0;
    for (int i = 0; i < fixtures.size(); i++) {
      for (JsonNode path : EntryFixtures.tree(fixtures.get(i)).get("failing_paths")) {
        assertThat(outcome.err()).contains("line " + (i + 2) + ": " + path.textValue() + ": ");
        failingPaths++;
      }
    }
    assertThat(outcome.err())
        .doesNotContain("line 1:")
        .contains("nothing imported: " + failingPaths + " problems in " + file);
    assertThat(storedIn("book")).isEmpty();
  }

  @Test
  void importReportsEveryProblemOfTheFileInLineOrder() {
    Path file = Fixtures.path("transfer/many-problems.jsonl");

    Outcome outcome = CommandLine.run("import", fsConfig("book").toString(), file.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err().lines().toList())
        .satisfiesExactly(
            line ->
                assertThat(line)
                    .isEqualTo(
                        "line 4: $.full_name: must be at least 1 characters long;"
                            + " must hold a character that is not white space"),
            line ->
                assertThat(line)
                    .startsWith("line 5: not valid JSON (column 14): Unexpected end-of-input"),
            line -> assertThat(line).isEqualTo("line 6: the id alpha is already used on line 2"),
            line ->
                assertThat(line)
                    .isEqualTo(
                        "line 8: $.colour: property 'colour' is not defined in the schema and the"
                            + " schema does not allow additional properties"),
            line ->
                assertThat(line)
                    .isEqualTo(
                        "addrservice import failed: nothing imported: 4 problems in " + file));
    assertThat(storedIn("book")).isEmpty();
  }

  @Test
  void importPrintsAtMostAHundredProblems() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      lines.add("not JSON " + i);
    }
    Path file = Files.write(temp.resolve("garbage.jsonl"), lines, StandardCharsets.UTF_8);

    Outcome outcome = CommandLine.run("import", fsConfig("book").toString(), file.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .contains("line 100: not valid JSON")
        .doesNotContain("line 101:")
        .contains("... and 50 more")
        .contains("addrservice import failed: nothing imported: 150 problems in " + file);
  }

  @Test
  void importOfAMissingFileFailsInOneLineWithoutOpeningTheStore() {
    Path file = temp.resolve("missing.jsonl");
    Path database = temp.resolve("book.db");

    Outcome outcome =
        CommandLine.run("import", sqliteConfig("book", "WARN").toString(), file.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .isEqualToIgnoringNewLines(
            "addrservice import failed: cannot read " + file + ": no such file");
    assertThat(database).doesNotExist();
  }

  @Test
  void importOfAFileThatIsNotUtf8FailsInOneLine() {
    Path file = Fixtures.path("transfer/latin-1.jsonl");

    Outcome outcome = CommandLine.run("import", fsConfig("book").toString(), file.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .isEqualToIgnoringNewLines(
            "addrservice import failed: cannot read " + file + ": it is not UTF-8 text");
  }

  @Test
  void importOfADirectoryFailsInOneLine() {
    Outcome outcome = CommandLine.run("import", fsConfig("book").toString(), temp.toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .startsWith("addrservice import failed: cannot read " + temp + " (")
        .doesNotContain("\tat ");
  }

  @Test
  void importOfAnEmptyFileStoresNothingAndSucceeds() throws IOException {
    Path file = Files.createFile(temp.resolve("empty.jsonl"));

    Outcome outcome = CommandLine.run("import", fsConfig("book").toString(), file.toString());

    assertThat(outcome.failure()).as(outcome.err()).isEmpty();
    assertThat(outcome.out()).contains("imported 0 entries into the fs store");
  }

  @Test
  void oneEntryIsCountedInTheSingular() throws IOException {
    AddressEntry entry = entry("{\"full_name\": \"Only One\"}");
    Path file =
        Files.writeString(
            temp.resolve("one.jsonl"),
            EntryLines.format("only", entry) + "\n",
            StandardCharsets.UTF_8);
    Path export = temp.resolve("again.jsonl");

    Outcome imported = CommandLine.run("import", fsConfig("book").toString(), file.toString());
    Outcome exported = CommandLine.run("export", fsConfig("book").toString(), export.toString());

    assertThat(imported.out()).contains("imported 1 entry into the fs store");
    assertThat(exported.out()).contains("exported 1 entry from the fs store to " + export);
    assertThat(export).hasSameBinaryContentAs(file);
  }

  // --- the command line itself ---

  @Test
  void aConfigurationFileIsRequired() {
    Outcome outcome = CommandLine.run("import", temp.resolve("book.jsonl").toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err()).contains("too few arguments");
  }

  @Test
  void aMissingConfigurationFileIsReportedInOneLine() {
    Path config = temp.resolve("missing.yml");

    Outcome outcome =
        CommandLine.run("export", config.toString(), temp.resolve("book.jsonl").toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .contains("addrservice export failed: File " + config + " not found")
        .doesNotContain("\tat ");
  }

  @Test
  void aBrokenConfigurationIsReportedWithoutAStackTrace() {
    Path config = Fixtures.path("config/broken/unknown-store-type.yml");

    Outcome outcome =
        CommandLine.run("import", config.toString(), temp.resolve("book.jsonl").toString());

    assertThat(outcome.failure()).isPresent();
    assertThat(outcome.err())
        .contains("addrservice import failed: " + config + " has an error:")
        .doesNotContain("\tat ");
  }

  // --- helpers ---

  /** Every valid entry fixture by the id it is stored under: its file name without ".json". */
  private static SortedMap<String, String> fixtureIds() {
    SortedMap<String, String> ids = new TreeMap<>();
    for (String fixture : Fixtures.validEntries()) {
      ids.put(fixture.substring("entries/".length(), fixture.length() - ".json".length()), fixture);
    }
    return ids;
  }

  /** Stores every valid fixture in the fs store {@code name}, without going through a command. */
  private void seedFsStore(String name) {
    FileSystemStore store = FileSystemStore.open(temp.resolve(name));
    fixtureIds().forEach((id, fixture) -> store.create(id, AddressEntry.of(exactTree(fixture))));
  }

  private Map<String, AddressEntry> storedIn(String fsStore) {
    return FileSystemStore.open(temp.resolve(fsStore)).list();
  }

  private Path fsConfig(String name) {
    return config(
        name + "-fs.yml",
        "store:\n  type: fs\n  directory: " + yaml(temp.resolve(name)) + "\n",
        "WARN");
  }

  private Path sqliteConfig(String name, String logLevel) {
    return config(
        name + "-sqlite.yml",
        "store:\n  type: sqlite\n  file: " + yaml(temp.resolve(name + ".db")) + "\n",
        logLevel);
  }

  private Path postgresConfig() {
    return config(
        "postgres.yml",
        "store:\n"
            + "  type: postgres\n"
            + "  migrateOnStart: true\n"
            + "  database:\n"
            + "    driverClass: org.postgresql.Driver\n"
            + "    url: "
            + yaml(TestPostgres.url())
            + "\n",
        "WARN");
  }

  private Path config(String fileName, String store, String logLevel) {
    try {
      return Files.writeString(
          temp.resolve(fileName), store + "logging:\n  level: " + logLevel + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean chattr(String flag, Path path) throws Exception {
    Process chattr =
        new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
    chattr.getInputStream().transferTo(OutputStream.nullOutputStream());
    return chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0;
  }

  /** A YAML double-quoted scalar; a JSON string is one. */
  private static String yaml(Object value) {
    return Fixtures.EXACT_JSON.getNodeFactory().textNode(value.toString()).toString();
  }

  private static AddressEntry entry(String json) {
    return AddressEntry.of(Fixtures.exactJson(json));
  }

  private static String line(String id, JsonNode entry) {
    ObjectNode line = Fixtures.EXACT_JSON.createObjectNode();
    line.put("id", id);
    line.set("entry", entry);
    return line.toString();
  }
}
