package org.addrservice.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.addrservice.core.model.ExactJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableTextTest {

  private static final String UNPAIRED = ", which is no character";

  @ParameterizedTest
  @ValueSource(
      strings = {"", "Ada", "\u00e9", "\u0001\u001f\u007f", "\ud83d\udc09", "\uffff", "\ufdfa"})
  void textOfUnicodeCharactersOtherThanNulCanBeStored(String text) {
    assertThat(StorableText.problem(text)).isEmpty();
  }

  @Test
  void nulCannotBeStoredAnywhereInAText() {
    assertThat(StorableText.problem("\u0000")).contains("must not hold U+0000");
    assertThat(StorableText.problem("Ada\u0000")).contains("must not hold U+0000");
  }

  @Test
  void anUnpairedSurrogateIsNamedByItsCode() {
    assertThat(StorableText.problem("a\ud800"))
        .contains("must not hold an unpaired surrogate (U+D800)" + UNPAIRED);
    assertThat(StorableText.problem("\udc09a"))
        .contains("must not hold an unpaired surrogate (U+DC09)" + UNPAIRED);
    assertThat(StorableText.problem("\ud83d\ud83d\udc09"))
        .contains("must not hold an unpaired surrogate (U+D83D)" + UNPAIRED);
    assertThat(StorableText.problem("\udc09\ud83d"))
        .contains("must not hold an unpaired surrogate (U+DC09)" + UNPAIRED);
  }

  @Test
  void aDocumentOfStorableTextHasNoProblem() throws Exception {
    assertThat(
            StorableText.firstProblem(
                ExactJson.READER.readTree(
                    "{\"full_name\":\"\\ud83d\\udc09\",\"a\":[1,true,null,{\"\":\"x\"}]}")))
        .isEmpty();
  }

  @Test
  void theFirstProblemIsNamedByItsPathAsTheSchemaErrorsNameIt() throws Exception {
    assertThat(problemOf("{\"full_name\":\"\\u0000\"}"))
        .isEqualTo("$.full_name: must not hold U+0000");
    assertThat(problemOf("{\"a\":[1,{\"b\":[\"x\",\"\\udfff\"]}],\"c\":\"\\u0000\"}"))
        .isEqualTo("$.a[1].b[1]: must not hold an unpaired surrogate (U+DFFF)" + UNPAIRED);
    assertThat(problemOf("{\"a b\":{\"\":\"\\u0000\"}}"))
        .isEqualTo("$['a b']['']: must not hold U+0000");
    assertThat(problemOf("\"\\u0000\"")).isEqualTo("$: must not hold U+0000");
  }

  @Test
  void aMemberNameIsReportedAtTheObjectThatHoldsIt() throws Exception {
    assertThat(problemOf("{\"full_name\":\"Ada\",\"x\\u0000\":1}"))
        .isEqualTo("$: a member name must not hold U+0000");
    assertThat(problemOf("{\"addresses\":[{\"\\ud800\":1}]}"))
        .isEqualTo(
            "$.addresses[0]: a member name must not hold an unpaired surrogate (U+D800)"
                + UNPAIRED);
  }

  private static String problemOf(String json) throws Exception {
    return StorableText.firstProblem(ExactJson.READER.readTree(json)).orElseThrow();
  }
}
