package org.addrservice.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.ExactJson;
import org.addrservice.testing.Fixtures;

/**
 * The entry fixtures as files and as domain objects: valid entries in {@code fixtures/entries/},
 * invalid ones (each with the JSON paths that must fail) in {@code fixtures/invalid/}.
 */
public final class EntryFixtures {

  private EntryFixtures() {}

  /** Every file of {@code fixtures/entries}, sorted by name. */
  public static List<Path> validEntryFiles() {
    return filesIn("entries");
  }

  /** Every file of {@code fixtures/invalid}, sorted by name. */
  public static List<Path> invalidEntryFiles() {
    return filesIn("invalid");
  }

  /** The valid entry {@code fixtures/entries/<name>.json}. */
  public static Path validEntryFile(String name) {
    return Fixtures.path("entries/" + name + ".json");
  }

  /** The invalid entry fixture {@code fixtures/invalid/<name>.json}. */
  public static Path invalidEntryFile(String name) {
    return Fixtures.path("invalid/" + name + ".json");
  }

  /** The valid entry {@code fixtures/entries/<name>.json}, as an entry. */
  public static AddressEntry entry(String name) {
    return AddressEntry.of(tree(validEntryFile(name)));
  }

  /** The file parsed as the service parses a body: no number changes on the way in. */
  public static JsonNode tree(Path file) {
    try {
      return ExactJson.READER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file, e);
    }
  }

  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file, e);
    }
  }

  /** A file name without its {@code .json}, for test display names. */
  public static String nameOf(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
  }

  private static List<Path> filesIn(String directory) {
    try (Stream<Path> files = Files.list(Fixtures.path(directory))) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list fixtures " + directory, e);
    }
  }
}
