package org.addrservice.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The access_token parameter is found, and its value blanked, in every spelling that decodes to its
 * name, and nothing else in a URI is touched.
 */
class AccessTokenParameterTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/addresses?access_token=KEY | /addresses?access_token=***",
        "/addresses?access%5Ftoken=KEY | /addresses?access%5Ftoken=***",
        "/addresses?access%5ftoken=KEY | /addresses?access%5ftoken=***",
        "/addresses?%61%63cess_token=KEY | /addresses?%61%63cess_token=***",
        "/addresses?ACCESS_TOKEN=KEY | /addresses?ACCESS_TOKEN=***",
        "/addresses?limit=1&access_token=KEY&q=x | /addresses?limit=1&access_token=***&q=x",
        "/addresses?limit=1;access_token=KEY;q=x | /addresses?limit=1;access_token=***;q=x",
        "/addresses?access_token=KEY&access_token=KEY2 | /addresses?access_token=***&access_token=***",
        "/addresses?access_token=a=b | /addresses?access_token=***",
        "/addresses?access_token= | /addresses?access_token=***",
      })
  void theValueOfEverySpellingIsBlanked(String pathQuery, String blanked) {
    assertThat(AccessTokenParameter.blanked(pathQuery)).isEqualTo(blanked);
    assertThat(AccessTokenParameter.isIn(pathQuery.substring(pathQuery.indexOf('?') + 1))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/addresses",
        "/addresses?",
        "/addresses?q=access_token",
        "/addresses?access_tokens=KEY",
        "/addresses?xaccess_token=KEY",
        "/addresses?access+token=KEY",
        "/addresses?access%255Ftoken=KEY",
        "/addresses?access%5token=KEY",
        "/addresses?access_token%=KEY",
        "/addresses?access_toke%6=KEY",
        "/addresses?limit=1&&q=%E2%82%AC",
        "/addresses/access_token=KEY",
        "/addresses;access_token=KEY"
      })
  void otherParametersAndPathsAreLeftAsSent(String pathQuery) {
    assertThat(AccessTokenParameter.blanked(pathQuery)).isEqualTo(pathQuery);
    int question = pathQuery.indexOf('?');
    if (question >= 0) {
      assertThat(AccessTokenParameter.isIn(pathQuery.substring(question + 1))).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"access_token", "a=1&ACCESS_TOKEN", "access_token&a=1"})
  void aNameWithoutAValueIsFoundButHasNothingToBlank(String query) {
    assertThat(AccessTokenParameter.isIn(query)).isTrue();
    assertThat(AccessTokenParameter.blanked("/addresses?" + query))
        .isEqualTo("/addresses?" + query);
  }

  @ParameterizedTest
  @NullSource
  void nothingIsNothing(String nothing) {
    assertThat(AccessTokenParameter.isIn(nothing)).isFalse();
    assertThat(AccessTokenParameter.blanked(nothing)).isNull();
  }
}
