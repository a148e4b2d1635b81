package org.addrservice.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.LogFiles;
import org.addrservice.testing.RawHttp;
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the body gate lets through, over real sockets, with a key: a body that fits, asked for with
 * {@code 100 Continue}; one that is slow but keeps up the minimum rate; one that comes in chunks.
 * (What it refuses is in the abuse suite, {@code BodyAbuseTest}.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BodyGateApiTest {

  private static final Path LOG = LogFiles.fresh("body-gate-test");

  private static final Duration GRACE = Duration.ofSeconds(1);

  private static final int MIN_RATE = 512;

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/auth-sqlite.yml").toString(),
          ConfigOverride.config("store.file", newDirectory().resolve("book.db").toString()),
          ConfigOverride.config("logging.appenders[0].currentLogFilename", LOG.toString()),
          ConfigOverride.config("limits.minBodyDataRate", MIN_RATE + "B"),
          ConfigOverride.config("limits.bodyGracePeriod", GRACE.toMillis() + "ms"));

  private static final String WRITER = "Authorization: " + TestKeys.bearer(TestKeys.WRITER);

  @Test
  void aBodyThatFitsGetsItsContinueAndIsServed() {
    byte[] entry = utf8(Fixtures.text("entries/full.json"));
    String head =
        post(WRITER, "Content-Type: application/json", "Content-Length: " + entry.length)
            + "Expect: 100-continue\r\n\r\n";
    try (RawHttp.SlowRequest request = RawHttp.SlowRequest.open(port(), head)) {
      assertThat(request.interimStatusLine()).isEqualTo("HTTP/1.1 100 Continue");
      RawHttp.Answer answer = request.finish(entry);

      assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
  }

  /** 150 bytes every 100 ms is about three times the minimum rate: slow, but served. */
  @Test
  void aSlowSenderAboveTheMinimumRateIsServed() throws Exception {
    byte[] entry = utf8(" ".repeat(3000) + Fixtures.text("entries/full.json"));
    String head =
        post(WRITER, "Content-Type: application/json", "Content-Length: " + entry.length) + "\r\n";
    try (RawHttp.SlowRequest request = RawHttp.SlowRequest.open(port(), head)) {
      int sent = 0;
      while (entry.length - sent > 150) {
        request.send(Arrays.copyOfRange(entry, sent, sent + 150));
        sent += 150;
        Thread.sleep(100);
      }
      RawHttp.Answer answer = request.finish(Arrays.copyOfRange(entry, sent, entry.length));

      assertThat(answer.status()).as(answer.body()).isEqualTo(201);
      assertThat(Fixtures.exactJson(read(answer.headers().get("location")).body()))
          .isEqualTo(Fixtures.exactJson(Fixtures.text("entries/full.json")));
    }
  }

  @Test
  void aChunkedBodyWithinTheLimitIsServed() {
    String entry = Fixtures.text("entries/minimal.json");
    String half = entry.substring(0, entry.length() / 2);
    String rest = entry.substring(entry.length() / 2);
    String request =
        post(WRITER, "Content-Type: application/json", "Transfer-Encoding: chunked")
            + "\r\n"
            + chunk(half)
            + chunk(rest)
            + "0\r\n\r\n";

    RawHttp.Answer answer = RawHttp.send(port(), request);

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  private static String chunk(String text) {
    return Integer.toHexString(utf8(text).length) + "\r\n" + text + "\r\n";
  }

  private static RawHttp.Answer read(String location) {
    return RawHttp.send(port(), head("GET " + location, WRITER) + "\r\n");
  }

  /** A POST's head, without the empty line that ends it. */
  private static String post(String... headers) {
    return head("POST /addresses", headers);
  }

  private static String head(String requestLine, String... headers) {
    return requestLine
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + String.join("", Arrays.stream(headers).map(h -> h + "\r\n").toList());
  }

  private static int port() {
    return APP.getLocalPort();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("addrservice-body-gate");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
