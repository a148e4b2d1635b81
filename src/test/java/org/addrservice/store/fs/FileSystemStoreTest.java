package org.addrservice.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dropwizard.util.DataSize;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.addrservice.core.EntryFixtures;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.ExactJson;
import org.addrservice.core.model.IdempotencyRecord;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.core.port.WriteResult;
import org.addrservice.store.AddressBookStoreContract;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemStoreTest extends AddressBookStoreContract {

  @TempDir Path tempDir;

  private Path directory;

  @Override
  protected AddressBookStore newStore() {
    directory = tempDir.resolve("entries");
    return FileSystemStore.open(directory);
  }

  @Test
  void eachEntryIsOneFileNamedAfterItsIdHoldingItsJson() throws IOException {
    AddressEntry full = EntryFixtures.entry("full");
    AddressEntry minimal = EntryFixtures.entry("minimal");
    store.create("0123456789abcdef0123456789abcdef", full);
    store.create("b-2", minimal);

    assertThat(fileNames(directory))
        .containsExactlyInAnyOrder("0123456789abcdef0123456789abcdef.json", "b-2.json");
    assertThat(directory.resolve("b-2.json")).hasContent(fileOf(minimal, 1));
    assertThat(directory.resolve("0123456789abcdef0123456789abcdef.json"))
        .hasContent(fileOf(full, 1));
  }

  @Test
  void theFileHoldsNumbersAndStringsAsTheClientWroteThem() throws IOException {
    store.create("numbers", EntryFixtures.entry("extreme-numbers"));
    store.create("strings", EntryFixtures.entry("number-or-string-fields"));

    String numbers = Files.readString(directory.resolve("numbers.json"), StandardCharsets.UTF_8);
    String strings = Files.readString(directory.resolve("strings.json"), StandardCharsets.UTF_8);

    assertThat(numbers)
        .contains("\"unit_number\":1.50", "12345678901234567890", "98765432109876543210")
        .doesNotContainIgnoringCase("infinity");
    assertThat(strings).contains("\"pincode\":110011", "\"pincode\":\"110011\"", "\"011001\"");
  }

  @Test
  void aReplaceRewritesTheFileAndADeleteRemovesIt() throws IOException {
    store.create("a", EntryFixtures.entry("minimal"));

    store.replace("a", EntryFixtures.entry("full"));
    assertThat(directory.resolve("a.json")).hasContent(fileOf(EntryFixtures.entry("full"), 2));

    store.delete("a");
    assertThat(fileNames(directory)).isEmpty();
  }

  @Test
  void aFileWithoutAVersionIsReadAsVersionOne() throws IOException {
    Files.writeString(directory.resolve("old.json"), Fixtures.text("entries/minimal.json"));

    assertThat(store.findVersioned("old"))
        .hasValue(new VersionedEntry(EntryFixtures.entry("minimal"), 1));
    assertThat(store.replace("old", EntryFixtures.entry("full"), Precondition.exactly(1)))
        .isEqualTo(WriteResult.replaced(2));
  }

  @Test
  void aFileWithABadVersionIsCorrupt() throws IOException {
    Files.writeString(
        directory.resolve("bad.json"),
        "{\"version\": \"two\", \"entry\": " + Fixtures.text("entries/minimal.json") + "}");

    assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.find("bad"));
  }

  /** What an entry file holds, byte for byte: the version and the entry as it was written. */
  private static String fileOf(AddressEntry entry, long version) throws IOException {
    return "{\"version\":"
        + version
        + ",\"entry\":"
        + ExactJson.WRITER.writeValueAsString(entry)
        + "}";
  }

  @Test
  void theDefaultsAreADirectoryUnderDataOnADiskKeeping16MibFree() {
    FileSystemStoreFactory defaults = new FileSystemStoreFactory();

    assertThat(defaults.type()).isEqualTo("fs");
    assertThat(defaults.getDirectory()).isEqualTo("./data/addresses");
    assertThat(defaults.getMinFreeSpace()).isEqualTo(DataSize.mebibytes(16));
    assertThat(defaults.freeSpace()).isPresent();
  }

  @Test
  void openCreatesTheDirectoryWhenAbsent() {
    Path nested = tempDir.resolve("one/two/three");
    assertThat(nested).doesNotExist();

    FileSystemStore opened = FileSystemStore.open(nested);

    assertThat(nested).isDirectory();
    assertThat(opened.directory()).isEqualTo(nested.toAbsolutePath().normalize());
    assertThat(opened.create("a", EntryFixtures.entry("minimal"))).isTrue();
    assertThat(nested.resolve("a.json")).isRegularFile();
  }

  @Test
  void openOnARegularFileThrowsStoreExceptionNamingIt() throws IOException {
    Path file = Files.writeString(tempDir.resolve("not-a-directory"), "hello");

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> FileSystemStore.open(file))
        .withMessageContaining(file.toAbsolutePath().normalize().toString());
    assertThat(Files.readString(file)).isEqualTo("hello");
  }

  @Test
  void openOnADirectoryWithoutWritePermissionThrowsStoreExceptionNamingIt() throws Exception {
    Path readOnly = Files.createDirectory(tempDir.resolve("read-only"));
    Set<PosixFilePermission> before = Files.getPosixFilePermissions(readOnly);
    boolean immutable = false;
    try {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
      if (Files.isWritable(readOnly)) {
        // Root ignores permission bits (CI runs as root); the immutable attribute stops root too.
        immutable = chattr("+i", readOnly);
        assumeThat(immutable).as("chattr +i works here").isTrue();
      }

      assertThatExceptionOfType(StoreException.class)
          .isThrownBy(() -> FileSystemStore.open(readOnly))
          .withMessageContaining(readOnly.toAbsolutePath().normalize().toString())
          .withMessageContaining("not writable");
    } finally {
      if (immutable) {
        chattr("-i", readOnly);
      }
      Files.setPosixFilePermissions(readOnly, before);
    }
  }

  private static boolean chattr(String flag, Path path) throws Exception {
    Process chattr =
        new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
    chattr.getInputStream().transferTo(OutputStream.nullOutputStream());
    return chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0;
  }

  @Test
  void leftoverTempFilesFromACrashAreRemovedOnOpenAndTheEntryIsIntact() throws IOException {
    AddressEntry original = EntryFixtures.entry("full");
    store.create("crashed", original);
    Path tornWrite = directory.resolve(".crashed.json.0123456789abcdef0123456789abcdef.tmp");
    Files.writeString(tornWrite, "{\"full_name\": \"half wri");
    Path tornCreate = directory.resolve(".fresh.json.fedcba9876543210fedcba9876543210.tmp");
    Files.writeString(tornCreate, "");
    Path strayProbe = directory.resolve(".ping-00000000000000000000000000000000.tmp");
    Files.writeString(strayProbe, "");

    FileSystemStore reopened = FileSystemStore.open(directory);

    assertThat(tornWrite).doesNotExist();
    assertThat(tornCreate).doesNotExist();
    assertThat(strayProbe).doesNotExist();
    assertThat(fileNames(directory)).containsExactly("crashed.json");
    assertThat(reopened.find("crashed")).contains(original);
    assertThat(reopened.find("fresh")).isEmpty();
    assertThat(reopened.list()).containsExactly(Map.entry("crashed", original));
  }

  @Test
  void manyWritesLeaveNoStrayFiles() throws IOException {
    for (int i = 0; i < 20; i++) {
      store.create("e" + i, EntryFixtures.entry("minimal"));
    }
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 20; i++) {
        store.replace("e" + i, entryNamed("e" + i + " round " + round));
      }
    }
    for (int i = 0; i < 20; i += 2) {
      store.delete("e" + i);
    }
    store.ping();

    List<String> names = fileNames(directory);
    assertThat(names).hasSize(10).allMatch(name -> name.matches("e[0-9]+\\.json"));
    assertThat(store.list()).hasSize(10);
  }

  @Test
  void filesThatAreNotEntriesAreIgnoredByList() throws IOException {
    AddressEntry entry = EntryFixtures.entry("minimal");
    store.create("real", entry);
    String json = entry.toJson().toString();
    Files.writeString(directory.resolve("notes.txt"), "not an entry");
    Files.writeString(directory.resolve("bad.id.json"), json);
    Files.writeString(directory.resolve(".hidden.json"), json);
    Files.writeString(directory.resolve("real.json.bak"), json);
    Files.writeString(directory.resolve("with space.json"), json);
    Files.writeString(directory.resolve("zoë.json"), json);

    assertThat(store.list()).containsExactly(Map.entry("real", entry));
    assertThat(store.find("bad.id")).isEmpty();
  }

  @Test
  void anEntryFilePutInTheDirectoryByHandIsListed() throws IOException {
    AddressEntry entry = EntryFixtures.entry("unicode-cjk-emoji");
    Files.write(
        directory.resolve("imported-1.json"),
        Fixtures.EXACT_JSON.writeValueAsBytes(entry.toJson()));

    assertThat(store.list()).containsExactly(Map.entry("imported-1", entry));
    assertThat(store.find("imported-1")).contains(entry);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"full_name\": \"Bill", "{bad", "", "[]", "null", "{\"full_name\": 5}", "{}"})
  void aCorruptEntryFileMakesFindThrowStoreException(String content) throws IOException {
    Files.writeString(directory.resolve("corrupt.json"), content);

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> store.find("corrupt"))
        .withMessageContaining("corrupt");
    assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.list());
  }

  @Test
  void entriesSurviveARestart() {
    AddressEntry entry = EntryFixtures.entry("extreme-numbers");
    store.create("kept", entry);
    store.create("dropped", EntryFixtures.entry("minimal"));
    store.delete("dropped");

    FileSystemStore restarted = FileSystemStore.open(directory);

    assertThat(restarted.find("kept")).contains(entry);
    assertThat(restarted.find("dropped")).isEmpty();
    assertThat(restarted.list()).containsExactly(Map.entry("kept", entry));
  }

  @Test
  void aMalformedIdNeverReachesAFileOutsideTheDirectory() throws IOException {
    Path outside = tempDir.resolve("x.json");
    byte[] outsideContent =
        Fixtures.EXACT_JSON.writeValueAsBytes(EntryFixtures.entry("minimal").toJson());
    Files.write(outside, outsideContent);

    assertThat(store.find("../x")).isEmpty();
    assertThat(store.replace("../x", EntryFixtures.entry("full"))).isFalse();
    assertThat(store.delete("../x")).isFalse();

    assertThat(outside).hasBinaryContent(outsideContent);
    assertThat(fileNames(tempDir)).containsExactlyInAnyOrder("entries", "x.json");
  }

  @Test
  void pingThrowsStoreExceptionOnceTheDirectoryIsGone() throws IOException {
    store.ping();
    Files.delete(directory);

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> store.ping())
        .withMessageContaining(directory.toAbsolutePath().normalize().toString());
  }

  @Test
  void everyOperationThrowsStoreExceptionOnceTheDirectoryIsGone() throws IOException {
    store.create("gone", EntryFixtures.entry("minimal"));
    Files.delete(directory.resolve("gone.json"));
    Files.delete(directory);

    assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.find("gone"));
    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> store.replace("gone", EntryFixtures.entry("full")));
    assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.delete("gone"));
    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> store.create("new", EntryFixtures.entry("full")));
    assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.list());
    assertThat(directory).doesNotExist();
  }

  @Test
  void pingLeavesNoFileBehind() throws IOException {
    store.ping();
    store.ping();

    assertThat(fileNames(directory)).isEmpty();
  }

  @Test
  void aCreateWhoseRenameCannotBeMadeDurableLeavesNoEntry() throws IOException {
    FailingSync sync = new FailingSync();
    FileSystemStore store = FileSystemStore.open(tempDir.resolve("failing"), sync);
    sync.failNext(1);

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> store.create("lost", EntryFixtures.entry("minimal")))
        .withMessageContaining("durable");

    assertThat(store.find("lost")).isEmpty();
    assertThat(fileNames(store.directory())).isEmpty();
  }

  @Test
  void aKeyedCreateWhoseKeyCannotBeWrittenTakesItsEntryBack() throws IOException {
    FailingSync sync = new FailingSync();
    FileSystemStore store = FileSystemStore.open(tempDir.resolve("failing"), sync);
    IdempotencyRecord record =
        new IdempotencyRecord(
            "key-1", "fingerprint", "keyed", Instant.parse("2026-01-01T00:00:00Z"));
    // The entry's rename is made durable; the key's, after its directory is made, is not.
    sync.failAfter(2);

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(
            () ->
                store.createWithKey(
                    record, EntryFixtures.entry("minimal"), Instant.parse("2025-01-01T00:00:00Z")));

    assertThat(store.find("keyed")).isEmpty();
    try (Stream<Path> files = Files.walk(store.directory())) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
    sync.failNext(0);
    assertThat(
            store.createWithKey(
                record, EntryFixtures.entry("minimal"), Instant.parse("2025-01-01T00:00:00Z")))
        .as("the retry")
        .hasValue(record);
    assertThat(store.list()).containsOnlyKeys("keyed");
  }

  @Test
  void aReplaceWhoseRenameCannotBeMadeDurableLeavesThePreviousEntry() {
    FailingSync sync = new FailingSync();
    FileSystemStore store = FileSystemStore.open(tempDir.resolve("failing"), sync);
    store.create("kept", EntryFixtures.entry("minimal"));
    sync.failNext(1);

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> store.replace("kept", EntryFixtures.entry("full"), Precondition.ANY));

    assertThat(store.findVersioned("kept"))
        .hasValue(new VersionedEntry(EntryFixtures.entry("minimal"), 1));
  }

  @Test
  void aReplaceWhoseUndoCannotBeMadeDurableEitherStillShowsThePreviousEntry() {
    FailingSync sync = new FailingSync();
    FileSystemStore store = FileSystemStore.open(tempDir.resolve("failing"), sync);
    store.create("kept", EntryFixtures.entry("minimal"));
    sync.failNext(2);

    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> store.replace("kept", EntryFixtures.entry("full"), Precondition.ANY))
        .satisfies(failure -> assertThat(failure.getSuppressed()).hasSize(1));

    assertThat(store.findVersioned("kept"))
        .hasValue(new VersionedEntry(EntryFixtures.entry("minimal"), 1));
  }

  @Test
  void aDeleteThatCannotBeMadeDurableLeavesTheEntry() throws IOException {
    FailingSync sync = new FailingSync();
    FileSystemStore store = FileSystemStore.open(tempDir.resolve("failing"), sync);
    store.create("kept", EntryFixtures.entry("full"));
    sync.failNext(1);

    assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.delete("kept"));

    assertThat(store.findVersioned("kept"))
        .hasValue(new VersionedEntry(EntryFixtures.entry("full"), 1));
    assertThat(fileNames(store.directory())).containsExactly("kept.json");
  }

  /**
   * Forces directories like the store does, but fails when told to: a failure the file system
   * cannot be made to produce on demand, where a rename is done but not yet durable.
   */
  private static final class FailingSync implements DurableFiles.DirectorySync {
    private final AtomicInteger passes = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger failures = new AtomicInteger();

    /** The next {@code count} forces fail. */
    void failNext(int count) {
      passes.set(0);
      failures.set(count);
    }

    /** After {@code count} more forces succeed, every force fails. */
    void failAfter(int count) {
      passes.set(count);
      failures.set(Integer.MAX_VALUE);
    }

    @Override
    public void force(Path directory) throws IOException {
      if (passes.getAndUpdate(left -> Math.max(0, left - 1)) == 0
          && failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        throw new IOException("the disk refuses to force " + directory);
      }
      DurableFiles.FSYNC.force(directory);
    }
  }

  private static List<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"full_name\": \"Bill\"} garbage",
        "{\"full_name\": \"Bill\"}}",
        "{\"full_name\": \"Bill\"}{\"full_name\": \"Bob\"}"
      })
  void anEntryFileWithTrailingContentIsCorruptAndFindThrows(String content) throws IOException {
    FileSystemStore store = FileSystemStore.open(tempDir);
    Files.writeString(tempDir.resolve("corrupt.json"), content);

    assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.find("corrupt"));
  }

  @Test
  void aDirectoryNamedLikeAnEntryIsNotListed() throws IOException {
    FileSystemStore store = FileSystemStore.open(tempDir);
    Files.createDirectory(tempDir.resolve("not-an-entry.json"));
    assertThat(store.create("abc", EntryFixtures.entry("minimal"))).isTrue();

    assertThat(store.list()).containsOnlyKeys("abc");
  }
}
