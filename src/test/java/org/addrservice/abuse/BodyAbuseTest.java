package org.addrservice.abuse;

import static org.addrservice.abuse.Abuse.assertErrorBody;
import static org.addrservice.abuse.Abuse.rows;
import static org.addrservice.abuse.Abuse.send;
import static org.addrservice.abuse.Abuse.shown;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.LogFiles;
import org.addrservice.testing.RawHttp;
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacks through request bodies on an API that demands keys, on a SQLite file: bodies that never
 * come, or come a byte at a time, with and without a key, and bodies announced larger than the
 * service takes. The overload limit lets only four requests in at once, so any attacker that held
 * one of those places while it trickled would soon lock everyone else out.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BodyAbuseTest {

  private static final Path DATABASE = newDirectory().resolve("addressbook.db");

  private static final Path LOG = LogFiles.fresh("body-abuse-test");

  private static final Duration GRACE = Duration.ofSeconds(1);

  private static final int MIN_RATE = 512;

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/auth-sqlite.yml").toString(),
          ConfigOverride.config("store.file", DATABASE.toString()),
          ConfigOverride.config("logging.appenders[0].currentLogFilename", LOG.toString()),
          ConfigOverride.config("overload.maxConcurrentRequests", "4"),
          ConfigOverride.config("overload.maxQueuedRequests", "8"),
          ConfigOverride.config("overload.maxQueueWait", "500ms"),
          ConfigOverride.config("limits.minBodyDataRate", MIN_RATE + "B"),
          ConfigOverride.config("limits.bodyGracePeriod", GRACE.toMillis() + "ms"),
          ConfigOverride.config(
              "server.applicationConnectors[0].idleTimeout", IDLE_TIMEOUT.toMillis() + "ms"));

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String WRITER = "Authorization: " + TestKeys.bearer(TestKeys.WRITER);

  private static final Map<String, String> AS_WRITER =
      Map.of("Authorization", TestKeys.bearer(TestKeys.WRITER), "Content-Type", "application/json");

  /**
   * 300 connections without a key, each announcing a 100 000-byte body and sending one byte of it a
   * second, while a client with a writer key creates and reads 30 entries: each attacker is refused
   * on its head alone, and the keyed client is answered every time.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void hundredsOfSlowBodiesWithoutAKeyLeaveAKeyedClientServedEveryTime() throws Exception {
    int rowsBefore = rows(DATABASE).size();
    String attack =
        post("Content-Type: application/json", "Content-Length: 100000") + "\r\n{\"full_name\":\"";
    List<RawHttp.SlowRequest> attackers = new ArrayList<>();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int i = 0; i < 300; i++) {
        attackers.add(RawHttp.SlowRequest.open(port(), attack));
      }
      Future<?> trickling =
          trickle.scheduleAtFixedRate(() -> sendOneByteEach(attackers), 1, 1, TimeUnit.SECONDS);

      for (int i = 0; i < 30; i++) {
        RawHttp.Answer created = send(port(), "POST", "/addresses", AS_WRITER, entry("Round " + i));
        assertThat(created.status()).as(shown(created)).isEqualTo(201);
        RawHttp.Answer read =
            send(port(), "GET", created.headers().get("location"), AS_WRITER, null);
        assertThat(read.status()).as(shown(read)).isEqualTo(200);
      }
      assertThat(trickling.isDone()).as("the attackers were still sending").isFalse();

      for (RawHttp.SlowRequest attacker : attackers) {
        RawHttp.Answer refused = attacker.answer();
        assertThat(refused.status()).as(shown(refused)).isEqualTo(401);
        assertErrorBody(refused);
      }
    } finally {
      trickle.shutdownNow();
      attackers.forEach(RawHttp.SlowRequest::close);
    }
    assertThat(rows(DATABASE)).hasSize(rowsBefore + 30);
  }

  /**
   * Without a key, a 10 MB body announced with {@code Expect: 100-continue}: the first status line
   * the client reads is the 401, nothing of the body is asked for, and the connection is closed.
   */
  @Test
  void aHugeBodyWithoutAKeyIsRefused401BeforeAnyOfItIsAskedFor() {
    String head =
        post("Content-Type: application/json", "Content-Length: 10000000")
            + "Expect: 100-continue\r\n\r\n";
    try (RawHttp.SlowRequest request = RawHttp.SlowRequest.open(port(), head)) {
      RawHttp.Answer answer = request.answer();

      assertThat(answer.status()).as(shown(answer)).isEqualTo(401);
      assertErrorBody(answer);
      assertThat(answer.headers())
          .containsEntry("www-authenticate", "Bearer realm=\"addrservice\"")
          .containsEntry("connection", "close");
      assertThat(Fixtures.exactJson(answer.body()).get("message").asText())
          .isEqualTo("Authentication required");
    }
  }

  /** With a key, the same 10 MB body: 413 at once, and still no {@code 100 Continue}. */
  @Test
  void aHugeBodyWithAKeyIsRefused413BeforeAnyOfItIsAskedFor() {
    String head =
        post(WRITER, "Content-Type: application/json", "Content-Length: 10000000")
            + "Expect: 100-continue\r\n\r\n";
    try (RawHttp.SlowRequest request = RawHttp.SlowRequest.open(port(), head)) {
      RawHttp.Answer answer = request.answer();

      assertThat(answer.status()).as(shown(answer)).isEqualTo(413);
      assertErrorBody(answer);
      assertThat(answer.headers()).containsEntry("connection", "close");
      JsonNode body = Fixtures.exactJson(answer.body());
      assertThat(body.get("message").asText()).isEqualTo("Request body too large");
      assertThat(body.get("errors").get(0).asText())
          .isEqualTo("the body must not be longer than 8192 bytes");
      assertThat(requestLine(body.get("req_id").asText()))
          .containsEntry("status", "413")
          .containsEntry("reason", "Request body too large")
          .containsEntry("key", "ci-writer");
    }
  }

  /**
   * With a key, a body of 1000 bytes sent one byte every 200 ms, 5 bytes a second: cut off with 408
   * once the 1 s grace is over, long before the client would have sent it all, and nothing stored.
   */
  @Test
  void aBodyBelowTheMinimumRateIsCutOffWith408AndStoresNothing() throws Exception {
    int rowsBefore = rows(DATABASE).size();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    String head = post(WRITER, "Content-Type: application/json", "Content-Length: 1000") + "\r\n";
    try (RawHttp.SlowRequest request = RawHttp.SlowRequest.open(port(), head)) {
      request.send(utf8("{\"full_name\": \""));
      Future<?> unused =
          trickle.scheduleAtFixedRate(
              () -> request.send(utf8("x")), 200, 200, TimeUnit.MILLISECONDS);
      long started = System.nanoTime();

      RawHttp.Answer answer = request.answer();

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(GRACE.plusSeconds(4));
      assertThat(answer.status()).as(shown(answer)).isEqualTo(408);
      assertErrorBody(answer);
      assertThat(answer.headers()).containsEntry("connection", "close");
      JsonNode body = Fixtures.exactJson(answer.body());
      assertThat(body.get("message").asText()).isEqualTo("Request body too slow");
      assertThat(body.get("errors").get(0).asText())
          .isEqualTo("the body must arrive at " + MIN_RATE + " bytes a second or faster");
      assertThat(requestLine(body.get("req_id").asText()))
          .containsEntry("status", "408")
          .containsEntry("reason", "Request body too slow")
          .containsEntry("key", "ci-writer");
    } finally {
      trickle.shutdownNow();
    }
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  /**
   * With a key, half of a 4000-byte body at once, then nothing: the average rate is high enough for
   * a while, but the connection's idle timeout (1 s here) ends the wait with 408.
   */
  @Test
  void aBodyThatStopsComingIsCutOffWith408AtTheIdleTimeoutAndStoresNothing() {
    int rowsBefore = rows(DATABASE).size();
    String head = post(WRITER, "Content-Type: application/json", "Content-Length: 4000") + "\r\n";
    try (RawHttp.SlowRequest request = RawHttp.SlowRequest.open(port(), head)) {
      request.send(utf8(" ".repeat(2000)));
      long started = System.nanoTime();

      RawHttp.Answer answer = request.answer();

      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isLessThan(IDLE_TIMEOUT.plusSeconds(4));
      assertThat(answer.status()).as(shown(answer)).isEqualTo(408);
      assertErrorBody(answer);
      JsonNode body = Fixtures.exactJson(answer.body());
      assertThat(body.get("message").asText()).isEqualTo("Request body too slow");
      assertThat(body.get("errors").get(0).asText())
          .isEqualTo("no more of the body came within the idle time");
    }
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  /** One more byte of the name from every attacker whose connection is still open. */
  private static void sendOneByteEach(List<RawHttp.SlowRequest> attackers) {
    for (RawHttp.SlowRequest attacker : attackers) {
      try {
        attacker.send(new byte[] {'x'});
      } catch (UncheckedIOException closed) {
        // The server has closed this one; the others go on.
      }
    }
  }

  /** A POST's head, without the empty line that ends it. */
  /**
   * Clients that send their whole body at once, without waiting for {@code 100 Continue}, are still
   * sending when a 413 comes: each must read that answer, not a connection reset.
   */
  @Test
  void bodiesOverTheLimitSentWithoutWaitingAreAnswered413NotReset() throws Exception {
    int rowsBefore = rows(DATABASE).size();
    List<byte[]> bodies =
        List.of(entryOfLength(70_000), entryOfLength(300_000), entryOfLength(2_000_000));
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        byte[] body = bodies.get(i % bodies.size());
        answers.add(clients.submit(() -> postWithoutWaiting(body)));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(413);
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(rows(DATABASE)).hasSize(rowsBefore);
  }

  private int postWithoutWaiting(byte[] body) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/addresses"))
                .header("Authorization", TestKeys.bearer(TestKeys.WRITER))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static byte[] entryOfLength(int length) {
    String head = "{\"full_name\": \"";
    return (head + "x".repeat(length - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static String post(String... headers) {
    return "POST /addresses HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + String.join("", List.of(headers).stream().map(h -> h + "\r\n").toList());
  }

  private static Map<String, String> requestLine(String id) {
    return LogFiles.requestLine(LOG, id);
  }

  private static byte[] entry(String name) {
    return utf8("{\"full_name\": \"" + name + "\"}");
  }

  private static int port() {
    return APP.getLocalPort();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("addrservice-body-abuse");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
