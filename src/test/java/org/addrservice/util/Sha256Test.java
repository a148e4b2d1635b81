package org.addrservice.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {

  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void hexOfTextIsTheDigestOfItsUtf8Bytes() {
    assertThat(Sha256.hex("abc")).isEqualTo(ABC);
    assertThat(Sha256.hex("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(ABC);
  }

  @Test
  void digestIsTheRawBytesOfTheHex() {
    assertThat(Sha256.digest("abc")).isEqualTo(HexFormat.of().parseHex(ABC));
    assertThat(Sha256.digest(new byte[0]))
        .isEqualTo(
            HexFormat.of()
                .parseHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  }

  @Test
  void hexIsSixtyFourLowerCaseCharactersEvenForTextBeyondAscii() {
    assertThat(Sha256.hex("Zoë / ..")).matches("[0-9a-f]{64}");
  }
}
