package org.addrservice.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request the server refuses before routing is answered and then its connection is closed; the
 * answer says so ({@code Connection: close}), or a keep-alive client would send its next request
 * into the closing connection and see it fail for no reason of its own.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ClosedConnectionApiTest {

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class, Fixtures.path("config/memory.yml").toString());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/addresses/..%2F..%2Fetc%2Fpasswd",
        "/addresses/%2e%2e",
        "/addresses/%2e%2e/%2e%2e/etc",
        "/addresses/..%5C..%5Cwindows",
        "/addresses//",
        "/addresses/x%2F..%2F..%2Fconfig.yml"
      })
  void anAmbiguousPathIsAnsweredWithConnectionClose(String path) {
    RawHttp.Answer answer =
        RawHttp.send(APP.getLocalPort(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.headers()).containsEntry("connection", "close");
  }

  @Test
  void headersTooLargeAreAnsweredWithConnectionClose() {
    RawHttp.Answer answer =
        RawHttp.send(
            APP.getLocalPort(),
            "GET /addresses HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "y".repeat(20_000)
                + "\r\n\r\n");

    assertThat(answer.status()).isEqualTo(431);
    assertThat(answer.headers()).containsEntry("connection", "close");
  }
}
