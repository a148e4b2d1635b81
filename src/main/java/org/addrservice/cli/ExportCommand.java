package org.addrservice.cli;

import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import net.sourceforge.argparse4j.inf.Namespace;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.util.DurableFile;
import org.addrservice.util.IoFailures;

/**
 * {@code export CONFIG FILE}: writes every entry of the configured store, with its id, to {@code
 * FILE} as JSON Lines ordered by id ({@code -} for standard output). The file appears complete or
 * not at all: it is written under a temporary name in the same directory, forced to disk and
 * renamed into place.
 */
public final class ExportCommand extends StoreCommand {

  static final String STANDARD_OUTPUT = "-";

  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");

  public ExportCommand() {
    super(
        "export",
        "Writes every entry of the configured store, with its id, to a JSON Lines file",
        "where to write the entries; - for standard output");
  }

  @Override
  protected void run(
      Bootstrap<AddrServiceConfiguration> bootstrap,
      Namespace namespace,
      AddrServiceConfiguration config)
      throws Exception {
    String target = namespace.getString(DATA_FILE);
    if (STANDARD_OUTPUT.equals(target)) {
      exportToStandardOutput(bootstrap, config);
    } else {
      Path file = checkedTarget(Path.of(target));
      SortedMap<String, AddressEntry> entries = withStore(bootstrap, config, store -> store.list());
      writeAtomically(file, toLines(entries));
      System.out.println(summary(entries.size(), config.getStore().type(), target));
    }
  }

  /**
   * Standard output must hold the entries and nothing else, so that it can be piped into a file or
   * another program; but log lines go to standard output by default, and Liquibase prints its
   * progress there itself. While the store is open, everything printed to {@code System.out} is
   * therefore sent to standard error instead.
   */
  private static void exportToStandardOutput(
      Bootstrap<AddrServiceConfiguration> bootstrap, AddrServiceConfiguration config)
      throws Exception {
    PrintStream data = System.out;
    SortedMap<String, AddressEntry> entries;
    System.setOut(System.err);
    try {
      entries = withStore(bootstrap, config, store -> store.list());
    } finally {
      System.setOut(data);
    }
    writeTo(data, toLines(entries));
    System.err.println(summary(entries.size(), config.getStore().type(), "standard output"));
  }

  private static String summary(int count, String type, String where) {
    return "exported "
        + count
        + (count == 1 ? " entry" : " entries")
        + " from the "
        + type
        + " store to "
        + where;
  }

  private static byte[] toLines(SortedMap<String, AddressEntry> entries) {
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, AddressEntry> entry : entries.entrySet()) {
      lines.append(EntryLines.format(entry.getKey(), entry.getValue())).append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Fails before the store is opened when the file could not be written anyway. */
  private static Path checkedTarget(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      throw new CommandFailure(file + " is a directory");
    }
    if (!Files.isDirectory(absolute.getParent())) {
      throw new CommandFailure("cannot write " + file + ": no directory " + absolute.getParent());
    }
    return absolute;
  }

  private static void writeTo(PrintStream out, byte[] lines) {
    out.write(lines, 0, lines.length);
    if (out.checkError()) {
      throw new CommandFailure("cannot write to standard output");
    }
  }

  /**
   * Writes {@code file} whole or not at all, so that no reader ever sees half an export; where the
   * file system has POSIX permissions, only its owner may read it, for it holds the whole book.
   */
  private static void writeAtomically(Path file, byte[] lines) {
    FileAttribute<?>[] ownerOnly =
        file.getFileSystem().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
            : new FileAttribute<?>[0];
    try {
      DurableFile.write(file, lines, ownerOnly);
    } catch (IOException e) {
      throw new CommandFailure("cannot write " + file + " (" + IoFailures.describe(e) + ")", e);
    }
  }
}
