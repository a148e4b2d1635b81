package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pages share one bound of memory ({@code limits.pageMemory}): a crowd of readers walking the book
 * at once each sees every entry exactly once, whatever shorter pages the crowd makes, and every
 * page gives its memory back once its answer is written.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PageMemoryApiTest {

  private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
  private static final int ENTRIES = 30;
  private static final int READERS = 12;

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/memory.yml").toString(),
          ConfigOverride.config("limits.maxPageBytes", "2KiB"),
          ConfigOverride.config("limits.pageMemory", "4KiB"));

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aCrowdOfReadersSeesEveryEntryOnceAndEveryAnsweredPageGivesItsMemoryBack() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      ObjectNode entry = (ObjectNode) Fixtures.json("entries/minimal.json");
      entry.put("full_name", "Reader " + i + " " + "x".repeat(500));
      HttpResponse<String> created = send("POST", "/addresses", entry.toString());
      assertThat(created.statusCode()).isEqualTo(201);
      ids.add(created.headers().firstValue("Location").orElseThrow().replace("/addresses/", ""));
    }
    ids.sort(null);

    ExecutorService readers = Executors.newFixedThreadPool(READERS);
    try {
      List<Future<List<String>>> walks = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        walks.add(readers.submit(PageMemoryApiTest::walk));
      }
      for (Future<List<String>> walk : walks) {
        assertThat(walk.get()).containsExactlyElementsOf(ids);
      }
    } finally {
      readers.shutdownNow();
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> memoryHeld() == 0);
  }

  /** The ids of every page from the first on, following the Link headers. */
  private static List<String> walk() {
    List<String> seen = new ArrayList<>();
    Optional<String> next = Optional.of("/addresses");
    while (next.isPresent()) {
      HttpResponse<String> page = send("GET", next.get(), null);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      for (Iterator<String> id = Fixtures.exactJson(page.body()).fieldNames(); id.hasNext(); ) {
        seen.add(id.next());
      }
      next =
          page.headers()
              .firstValue("Link")
              .map(NEXT::matcher)
              .filter(Matcher::matches)
              .map(link -> link.group(1));
    }
    return seen;
  }

  private static long memoryHeld() {
    JsonNode metrics = Fixtures.exactJson(admin("/metrics"));
    return metrics.at("/gauges/" + AddrServiceApplication.PAGE_MEMORY_HELD + "/value").asLong(-1);
  }

  private static HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String admin(String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
