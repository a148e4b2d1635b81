package org.addrservice.core.model;

import com.ibm.icu.text.Normalizer2;

/**
 * The one rule by which a name search matches, whichever store runs it: both the name and the query
 * are brought to Unicode's NFKC case fold, so "ÉMILE" finds "émile" (composed or not), "STRASSE"
 * finds "straße" and a full-width "ＡＢＣ" finds "abc". SQL stores keep each name folded by this very
 * method in a column of its own, because the databases' own {@code lower()} does not fold the same
 * way (SQLite's folds ASCII only).
 */
public final class NameFolding {

  private static final Normalizer2 NFKC_CASE_FOLD = Normalizer2.getNFKCCasefoldInstance();

  private NameFolding() {}

  public static String fold(String text) {
    return NFKC_CASE_FOLD.normalize(text);
  }
}
