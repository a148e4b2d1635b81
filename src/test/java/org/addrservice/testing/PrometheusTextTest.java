package org.addrservice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strict reader accepts every construct of the format and refuses each defect in {@code
 * fixtures/prometheus/invalid/}, whose first line says what the refusal must name.
 */
class PrometheusTextTest {

  @Test
  void readsEveryConstructOfTheFormat() {
    PrometheusText text = PrometheusText.parse(Fixtures.text("prometheus/valid.txt"));

    assertThat(text.types())
        .containsExactly(
            entry("http_requests_total", "counter"),
            entry("temperature", "gauge"),
            entry("hot", "gauge"),
            entry("cold", "untyped"),
            entry("rpc_seconds", "summary"),
            entry("request_size", "histogram"));
    assertThat(text.value("http_requests_total", "method", "post", "code", "200")).contains(1027.0);
    assertThat(text.value("http_requests_total", "code", "400", "method", "post")).contains(3.0);
    assertThat(
            text.value(
                "http_requests_total",
                "path",
                "C:\\dir",
                "quote",
                "say \"hi\"",
                "multi",
                "a\nb",
                "empty",
                ""))
        .contains(1500.0);
    assertThat(text.value("temperature")).hasValueSatisfying(v -> assertThat(v).isNaN());
    assertThat(text.value("hot")).contains(Double.POSITIVE_INFINITY);
    assertThat(text.value("cold")).contains(Double.NEGATIVE_INFINITY);
    assertThat(text.value("rpc_seconds", "quantile", "0.99")).contains(1.0E-4);
    assertThat(text.value("rpc_seconds_count")).contains(2693.0);
    assertThat(text.value("request_size_bucket", "le", "+Inf")).contains(2.0);
    assertThat(text.value("request_size_sum")).contains(0.7);
    assertThat(text.value("request_size_sum", "le", "+Inf")).isEmpty();
    assertThat(text.series()).hasSize(14);
    assertThat(text.sampleNames())
        .containsExactlyInAnyOrder(
            "http_requests_total",
            "temperature",
            "hot",
            "cold",
            "rpc_seconds",
            "rpc_seconds_sum",
            "rpc_seconds_count",
            "request_size_bucket",
            "request_size_sum",
            "request_size_count");
  }

  @Test
  void anEmptyExpositionHasNoSeries() {
    assertThat(PrometheusText.parse("").series()).isEmpty();
  }

  @Test
  void aSeriesKeySortsItsLabelsAndEscapesTheirValues() {
    assertThat(PrometheusText.series("up")).isEqualTo("up");
    assertThat(PrometheusText.series("x", "b", "\"\\\n", "a", "1"))
        .isEqualTo("x{a=\"1\",b=\"\\\"\\\\\\n\"}");
    assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.series("x", "a"));
  }

  @ParameterizedTest
  @MethodSource("invalidExpositions")
  void refusesWhatTheFormatDoesNotAllow(Path file) throws IOException {
    String exposition = Files.readString(file);
    String expected = exposition.lines().findFirst().orElseThrow().replace("# expect: ", "");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> PrometheusText.parse(exposition))
        .withMessageContaining(expected);
  }

  static Stream<Named<Path>> invalidExpositions() {
    try (Stream<Path> files = Files.list(Fixtures.path("prometheus/invalid"))) {
      return files
          .sorted()
          .map(file -> Named.of(file.getFileName().toString(), file))
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
