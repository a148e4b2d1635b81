package org.addrservice.cli;

import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.core.EntryValidator;
import org.addrservice.core.StorableText;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.EntryId;
import org.addrservice.core.port.AddressBookStore;
import org.addrservice.core.port.StoreException;
import org.addrservice.util.IoFailures;

/**
 * {@code import CONFIG FILE}: loads a file written by {@code export} into the configured store,
 * keeping the ids.
 *
 * <p>All or nothing: the whole file is read and every line checked (JSON, fields, id, text no store
 * can keep, schema, ids repeated in the file or already in the store) before the first entry is
 * stored, and when any line is wrong every problem is reported and nothing is stored.
 */
public final class ImportCommand extends StoreCommand {

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  public ImportCommand() {
    super(
        "import",
        "Loads a JSON Lines file written by export into the configured store, keeping the ids;"
            + " imports nothing when any line is wrong",
        "the JSON Lines file to load, as written by export");
  }

  /** A line that passed every check that needs no store. */
  private record Candidate(int line, String id, AddressEntry entry) {}

  /** What is wrong with one line of the file. */
  private record Problem(int line, String text) {

    @Override
    public String toString() {
      return "line " + line + ": " + text;
    }
  }

  @Override
  protected void run(
      Bootstrap<AddrServiceConfiguration> bootstrap,
      Namespace namespace,
      AddrServiceConfiguration config)
      throws Exception {
    String file = namespace.getString(DATA_FILE);
    List<String> lines = readLines(Path.of(file));
    List<Problem> problems = new ArrayList<>();
    List<Candidate> candidates = check(lines, problems);
    String type = config.getStore().type();

    int imported =
        withStore(
            bootstrap,
            config,
            store -> {
              for (Candidate candidate : candidates) {
                if (store.find(candidate.id()).isPresent()) {
                  problems.add(
                      new Problem(
                          candidate.line(),
                          "the id " + candidate.id() + " is already in the " + type + " store"));
                }
              }
              if (!problems.isEmpty()) {
                problems.sort(Comparator.comparingInt(Problem::line));
                throw new CommandFailure(
                    "nothing imported: "
                        + problems.size()
                        + (problems.size() == 1 ? " problem" : " problems")
                        + " in "
                        + file,
                    problems.stream().map(Problem::toString).toList());
              }
              return createAll(store, type, candidates);
            });
    System.out.println(
        "imported "
            + imported
            + (imported == 1 ? " entry" : " entries")
            + " into the "
            + type
            + " store");
  }

  private static List<String> readLines(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(0).startsWith(BYTE_ORDER_MARK)) {
        lines.set(0, lines.get(0).substring(BYTE_ORDER_MARK.length()));
      }
      return lines;
    } catch (NoSuchFileException e) {
      throw new CommandFailure("cannot read " + file + ": no such file", e);
    } catch (MalformedInputException e) {
      throw new CommandFailure("cannot read " + file + ": it is not UTF-8 text", e);
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + file + " (" + IoFailures.describe(e) + ")", e);
    }
  }

  /**
   * Checks every line on its own and against the others; the lines that pass become candidates,
   * everything else a problem.
   */
  private static List<Candidate> check(List<String> lines, List<Problem> problems) {
    EntryValidator validator = new EntryValidator();
    Map<String, Integer> firstLineOfId = new HashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    for (int index = 0; index < lines.size(); index++) {
      int number = index + 1;
      String text = lines.get(index);
      if (text.isBlank()) {
        continue;
      }
      EntryLines.Line line;
      try {
        line = EntryLines.parse(text);
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(number, e.getMessage()));
        continue;
      }
      boolean good = true;
      if (!EntryId.isWellFormed(line.id())) {
        problems.add(
            new Problem(
                number,
                "the id "
                    + EntryLines.quote(line.id())
                    + " is not well formed (1 to "
                    + EntryId.MAX_LENGTH
                    + " of A-Z, a-z, 0-9 and -)"));
        good = false;
      } else {
        Integer first = firstLineOfId.putIfAbsent(line.id(), number);
        if (first != null) {
          problems.add(
              new Problem(number, "the id " + line.id() + " is already used on line " + first));
          good = false;
        }
      }
      // As over HTTP, text no store can keep is refused before the schema is asked.
      Optional<String> unstorable = StorableText.firstProblem(line.entry());
      List<String> violations =
          unstorable.map(List::of).orElseGet(() -> validator.violations(line.entry()));
      for (String violation : violations) {
        problems.add(new Problem(number, violation));
        good = false;
      }
      if (good) {
        candidates.add(new Candidate(number, line.id(), AddressEntry.of(line.entry())));
      }
    }
    return candidates;
  }

  /**
   * Stores every candidate. The checks have passed, so this fails only when the store fails, or
   * when someone else stores one of the ids meanwhile; the message then says how far it got.
   */
  private static int createAll(AddressBookStore store, String type, List<Candidate> candidates) {
    int imported = 0;
    for (Candidate candidate : candidates) {
      boolean created;
      try {
        created = store.create(candidate.id(), candidate.entry());
      } catch (StoreException e) {
        throw new CommandFailure(
            e.getMessage() + "; " + partly(imported, candidates.size(), candidate), e);
      }
      if (!created) {
        throw new CommandFailure(
            "the id "
                + candidate.id()
                + " was stored in the "
                + type
                + " store by someone else during the import; "
                + partly(imported, candidates.size(), candidate));
      }
      imported++;
    }
    return imported;
  }

  private static String partly(int imported, int total, Candidate failed) {
    return imported
        + " of "
        + total
        + " entries were imported, those before line "
        + failed.line()
        + "; the rest were not";
  }
}
