package org.addrservice.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.addrservice.testing.LogfmtLine;
import org.junit.jupiter.api.Test;

class LogfmtProperties {

  @Property(tries = 2000)
  void anyTextStaysInsideItsOwnValueOnOneLine(@ForAll String hostile, @ForAll String other) {
    String line =
        new Logfmt().text("uri", hostile).number("status", 200).text("agent", other).toString();

    assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085");
    assertThat(LogfmtLine.parse(line))
        .containsExactly(
            Map.entry("uri", hostile), Map.entry("status", "200"), Map.entry("agent", other));
  }

  @Test
  void aForgedFieldIsJustTextInsideTheValue() {
    String line = new Logfmt().text("uri", "/x\" status=200 admin=\"yes").toString();

    assertThat(line).isEqualTo("uri=\"/x\\\" status=200 admin=\\\"yes\"");
    assertThat(LogfmtLine.parse(line)).containsOnlyKeys("uri");
  }

  @Test
  void controlCharactersAreEscaped() {
    String line = new Logfmt().text("v", "a\u0000b\u001b[31mc\u007f\u2028").toString();

    assertThat(line).isEqualTo("v=\"a\\u0000b\\u001b[31mc\\u007f\\u2028\"");
  }

  @Test
  void nullTextIsLeftOut() {
    assertThat(new Logfmt().text("a", null).number("b", 1).toString()).isEqualTo("b=1");
  }

  @Test
  void millisecondsKeepMicrosecondPrecision() {
    assertThat(new Logfmt().millis("time_ms", 1_234_567).toString()).isEqualTo("time_ms=1.234");
    assertThat(new Logfmt().millis("time_ms", 5_000).toString()).isEqualTo("time_ms=0.005");
    assertThat(new Logfmt().millis("time_ms", 12_000_000_000L).toString())
        .isEqualTo("time_ms=12000.000");
  }
}
