package org.addrservice.abuse;

import static org.addrservice.abuse.Abuse.assertErrorBody;
import static org.addrservice.abuse.Abuse.post;
import static org.addrservice.abuse.Abuse.rows;
import static org.addrservice.abuse.Abuse.shown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.addrservice.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * More bodies on their way in at once than the memory for bodies holds ({@code limits.bodyMemory}):
 * whoever sends them, keys or not, the heap they take stays bounded, because a body that finds the
 * memory taken is refused at once, and the service takes bodies again as soon as some are done.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BodyFloodTest {

  private static final Path DATABASE = newDirectory().resolve("addressbook.db");

  private static final int BODY_BYTES = 2_000;

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/sqlite.yml").toString(),
          ConfigOverride.config("store.file", DATABASE.toString()),
          ConfigOverride.config("limits.maxBodySize", "2KiB"),
          // Two bodies of 2,000 bytes, and not a third, however small.
          ConfigOverride.config("limits.bodyMemory", "4010B"));

  /**
   * Two clients announce 2,000-byte bodies and send only the start of them: a third body, however
   * small, is refused with 503 at once and stores nothing; once one of the two has finished, bodies
   * are taken again.
   */
  @Test
  void aBodyBeyondTheMemoryBodiesShareIsRefused503AtOnceUntilOthersAreDone() {
    byte[] body = paddedEntry(BODY_BYTES);
    String head =
        "POST /addresses HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] small = Fixtures.text("entries/minimal.json").getBytes(StandardCharsets.UTF_8);
    try (RawHttp.SlowRequest first = RawHttp.SlowRequest.open(APP.getLocalPort(), head);
        RawHttp.SlowRequest second = RawHttp.SlowRequest.open(APP.getLocalPort(), head)) {
      first.send(Arrays.copyOf(body, 100));
      second.send(Arrays.copyOf(body, 100));

      // The two heads are taken in a moment after they are sent; until then, small bodies fit.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> post(APP.getLocalPort(), small), answer -> answer.status() == 503);
      int rowsBefore = rows(DATABASE).size();
      RawHttp.Answer refused = post(APP.getLocalPort(), small);

      assertThat(refused.status()).as(shown(refused)).isEqualTo(503);
      assertErrorBody(refused);
      JsonNode error = Fixtures.exactJson(refused.body());
      assertThat(error.get("message").asText()).isEqualTo("Service Unavailable");
      assertThat(rows(DATABASE)).hasSize(rowsBefore);

      RawHttp.Answer done = first.finish(Arrays.copyOfRange(body, 100, body.length));
      assertThat(done.status()).as(shown(done)).isEqualTo(201);
      RawHttp.Answer again =
          await()
              .atMost(Duration.ofSeconds(5))
              .until(() -> post(APP.getLocalPort(), small), answer -> answer.status() == 201);
      assertThat(again.headers()).containsKey("location");
      assertThat(rows(DATABASE)).hasSize(rowsBefore + 2);
    }
  }

  /** The minimal entry, led by white space to {@code length} bytes. */
  private static byte[] paddedEntry(int length) {
    String entry = Fixtures.text("entries/minimal.json");
    return (" ".repeat(length - entry.getBytes(StandardCharsets.UTF_8).length) + entry)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("addrservice-body-flood");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
