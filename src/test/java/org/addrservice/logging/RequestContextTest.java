package org.addrservice.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestContextTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "abc.DEF-1_2", "0123456789abcdef0123456789abcdef"})
  void aSaneIncomingIdIsKept(String incoming) {
    assertThat(RequestContext.forIncomingId(incoming).id()).isEqualTo(incoming);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"a b", "id\"x", "../etc", "a\nb", "é", "x=1", "a;b"})
  void anythingElseIsReplacedByAFreshId(String incoming) {
    assertThat(RequestContext.forIncomingId(incoming).id()).matches("[0-9a-f]{32}");
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 129})
  void idsAreAtMost128Characters(int length) {
    String incoming = "a".repeat(length);
    String id = RequestContext.forIncomingId(incoming).id();
    assertThat(id.equals(incoming)).isEqualTo(length <= 128);
  }

  @Test
  void freshIdsDiffer() {
    assertThat(RequestContext.forIncomingId(null).id())
        .isNotEqualTo(RequestContext.forIncomingId(null).id());
  }
}
