package org.addrservice.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.FaultyApplication;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.LogFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request that waits for its turn behind the overload limit is served later, on another thread:
 * what is logged while it is served still carries its request id.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class QueuedRequestLogApiTest {

  private static final Path LOG = LogFiles.fresh("queued-request-log-test");

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          FaultyApplication.class,
          Fixtures.path("config/logging.yml").toString(),
          ConfigOverride.config("logging.appenders[0].currentLogFilename", LOG.toString()),
          ConfigOverride.config("overload.maxConcurrentRequests", "1"),
          ConfigOverride.config("overload.maxQueueWait", "30s"));

  /** The fixture's layout: level, the MDC's request id, logger, then the message. */
  private static final Pattern LAYOUT =
      Pattern.compile("(TRACE|DEBUG|INFO|WARN|ERROR) +mdc_req_id=(\\S+) (\\S+) \\| (.*)");

  private static final String ACTIVE_REQUESTS =
      "io.dropwizard.jetty.MutableServletContextHandler.active-requests";

  @Test
  void whatIsLoggedWhileServingAQueuedRequestCarriesItsId() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    // Holds the only permit until it is released.
    CompletableFuture<HttpResponse<String>> holder =
        http.sendAsync(request("/faults/held"), HttpResponse.BodyHandlers.ofString());
    CompletableFuture<HttpResponse<String>> queued;
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> activeRequests() == 1);
      queued = http.sendAsync(request("/faults/chatty"), HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(10)).until(() -> activeRequests() == 2);
      assertThat(queued).isNotDone();
    } finally {
      // The holder's request ends, and the queued one gets its permit.
      APP.<FaultyApplication>getApplication().releaseHeldRequests();
    }

    assertThat(holder.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    HttpResponse<String> answer = queued.get(30, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    String id = answer.headers().firstValue(RequestContext.HEADER).orElseThrow();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !mdcIdsOf("a line logged while serving a request").isEmpty());
    assertThat(mdcIdsOf("a line logged while serving a request")).containsExactly(id);
  }

  private static HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
        .build();
  }

  private long activeRequests() throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return Fixtures.exactJson(metrics)
        .path("counters")
        .path(ACTIVE_REQUESTS)
        .path("count")
        .asLong(-1);
  }

  /** The MDC request id of each line whose message is {@code message}. */
  private static List<String> mdcIdsOf(String message) {
    try {
      return Files.readAllLines(LOG).stream()
          .map(LAYOUT::matcher)
          .filter(Matcher::matches)
          .filter(line -> line.group(4).equals(message))
          .map(line -> line.group(2))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
