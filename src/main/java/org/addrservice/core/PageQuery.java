package org.addrservice.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.addrservice.core.model.PageRequest;

/**
 * The page of the book a client asks for: at most {@code limit} entries (as many as a page may hold
 * when empty), those whose ids come after {@code after} (from the first id when empty), and of
 * those only the ones whose full name contains {@code nameContains}.
 */
public record PageQuery(OptionalInt limit, Optional<String> after, Optional<String> nameContains) {

  /** The first page, as large as a page may be, of every entry. */
  public static final PageQuery FIRST =
      new PageQuery(OptionalInt.empty(), Optional.empty(), Optional.empty());

  public PageQuery {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(nameContains, "nameContains");
  }

  /**
   * What keeps {@code text} from being searched for, as "must ..."; empty when it can be: at most
   * {@value PageRequest#MAX_SEARCH_LENGTH} characters of text every store can keep.
   */
  public static List<String> searchProblems(String text) {
    List<String> problems = new ArrayList<>();
    if (text.codePointCount(0, text.length()) > PageRequest.MAX_SEARCH_LENGTH) {
      problems.add("must be at most " + PageRequest.MAX_SEARCH_LENGTH + " characters long");
    }
    StorableText.problem(text).ifPresent(problems::add);
    return problems;
  }
}
