package org.addrservice.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MergePatchTest {

  static Stream<Named<JsonNode>> rfc7396Examples() {
    JsonNode examples = Fixtures.json("merge-patch/rfc7396-appendix-a.json");
    return StreamSupport.stream(examples.spliterator(), false)
        .map(example -> Named.of(example.get("original") + " + " + example.get("patch"), example));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc7396Examples")
  void everyExampleOfTheRfcGivesItsResult(JsonNode example) {
    assertThat(MergePatch.apply(example.get("original"), example.get("patch")))
        .isEqualTo(example.get("result"));
  }

  @Test
  void theTargetIsNeverChanged() {
    JsonNode target = Fixtures.exactJson("{\"a\": {\"b\": 1}, \"c\": 2}");
    JsonNode before = target.deepCopy();

    MergePatch.apply(target, Fixtures.exactJson("{\"a\": {\"b\": null}, \"c\": null}"));

    assertThat(target).isEqualTo(before);
  }

  @Test
  void numbersAndStringsKeepTheirExactForm() {
    JsonNode result =
        MergePatch.apply(
            Fixtures.exactJson("{\"pincode\": \"110011\"}"),
            Fixtures.exactJson("{\"unit\": 1.50, \"big\": 123456789012345678901234567890}"));

    assertThat(result.toString())
        .isEqualTo("{\"pincode\":\"110011\",\"unit\":1.50,\"big\":123456789012345678901234567890}");
  }
}
