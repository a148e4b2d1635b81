package org.addrservice.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFileTest {

  private static final byte[] NEW = "new\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path directory;

  @Test
  void writeCreatesTheFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = directory.resolve("book.jsonl");

    DurableFile.write(file, NEW);

    assertThat(file).hasContent("new");
    assertThat(names()).containsExactly("book.jsonl");
  }

  @Test
  void writeReplacesWhatTheFileHeld() throws IOException {
    Path file = Files.writeString(directory.resolve("book.jsonl"), "old\n");

    DurableFile.write(file, NEW);

    assertThat(file).hasContent("new");
    assertThat(names()).containsExactly("book.jsonl");
  }

  @Test
  void aWriteThatCannotCreateItsTemporaryFileChangesNothing() throws IOException {
    // The longest name a file may have: the temporary file's name, built from it, is too long.
    Path file = Files.writeString(directory.resolve("e".repeat(255)), "old\n");

    assertThatExceptionOfType(FileSystemException.class)
        .isThrownBy(() -> DurableFile.write(file, NEW));

    assertThat(file).hasContent("old");
    assertThat(names()).containsExactly("e".repeat(255));
  }

  @Test
  void aWriteThatCannotRenameRemovesItsTemporaryFile() throws IOException {
    // A directory is in the way: the rename over it fails once the temporary file is written.
    Path file = Files.createDirectory(directory.resolve("taken"));
    Files.writeString(file.resolve("inside"), "x");

    assertThatExceptionOfType(IOException.class).isThrownBy(() -> DurableFile.write(file, NEW));

    assertThat(names()).containsExactly("taken");
  }

  @Test
  void forcingAMissingDirectoryFails() {
    assertThatExceptionOfType(NoSuchFileException.class)
        .isThrownBy(() -> DurableFile.forceDirectory(directory.resolve("gone")));
  }

  @Test
  void deleteTemporaryFilesRemovesTemporaryFilesOnly() throws IOException {
    Path temp = DurableFile.temporaryFile(directory, "ping");
    Files.write(temp, new byte[0]);
    Files.writeString(directory.resolve(".book.jsonl.0123.tmp"), "torn");
    Files.writeString(directory.resolve("book.jsonl"), "kept");

    DurableFile.deleteTemporaryFiles(directory);

    assertThat(temp.getFileName().toString()).startsWith(".ping-").endsWith(".tmp");
    assertThat(names()).containsExactly("book.jsonl");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
