package org.addrservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.addrservice.ops.JvmSettings;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What clients store cannot make a read exhaust the heap: the real jar, with the ops JVM options
 * and a heap that exits on exhaustion, holds a book of entries as large as a body may be, and
 * serves full pages of it to several clients at once.
 */
class PagesOfMaximalEntriesIT {

  private static final int ENTRIES = 1_000;

  /** A name that, with the rest of its body, stays just within the default 64 KiB body limit. */
  private static final int NAME_LENGTH = 65_000;

  private static final int WRITERS = 8;

  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>; rel=\"next\"");

  private static final JsonFactory JSON = new JsonFactory();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void concurrentFullPagesOfMaximalEntriesAllAnswerAndTheProcessLives(@TempDir Path directory)
      throws Exception {
    try (ServiceProcess service =
        ServiceProcess.start(
            JvmSettings.opsOptionsWithoutArchive(),
            Fixtures.path("config/process-sqlite.yml"),
            ServiceProcess.logFile("pages-of-maximal-entries"),
            "dw.store.file=" + directory.resolve("addressbook.db"))) {
      Set<String> stored = fill(service);

      List<String> walks =
          List.of("/addresses", "/addresses", "/addresses", "/addresses?limit=250");
      ExecutorService readers = Executors.newFixedThreadPool(walks.size() * 2);
      try {
        List<Future<List<String>>> walked = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
          for (String walk : walks) {
            walked.add(readers.submit(() -> walk(service, walk)));
          }
        }
        for (Future<List<String>> ids : walked) {
          assertThat(ids.get(5, TimeUnit.MINUTES))
              .as("every entry seen exactly once in one walk over the pages")
              .doesNotHaveDuplicates()
              .hasSameElementsAs(stored);
        }
      } finally {
        readers.shutdownNow();
      }

      assertThat(service.isAlive()).as("the service process is still running").isTrue();
      HttpResponse<String> ping =
          http.send(
              HttpRequest.newBuilder(service.adminUri("/ping")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ping.statusCode()).isEqualTo(200);
    }
  }

  /** Stores {@value #ENTRIES} entries of maximal size, from several clients; answers their ids. */
  private Set<String> fill(ServiceProcess service) throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < ENTRIES; i++) {
        int number = i;
        created.add(writers.submit(() -> create(service, number)));
      }
      Set<String> ids = new HashSet<>();
      for (Future<String> id : created) {
        ids.add(id.get(5, TimeUnit.MINUTES));
      }
      return ids;
    } finally {
      writers.shutdownNow();
    }
  }

  private String create(ServiceProcess service, int number) throws Exception {
    String prefix = "Entry " + number + " ";
    String body = "{\"full_name\":\"" + prefix + "x".repeat(NAME_LENGTH - prefix.length()) + "\"}";
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(service.uri("/addresses"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return created.headers().firstValue("Location").orElseThrow().substring("/addresses/".length());
  }

  /**
   * The ids of every page from {@code path} on, following the Link headers to the end. Each page is
   * read as a stream, keeping its ids only, so the test's own heap does not bound what it can read.
   */
  private List<String> walk(ServiceProcess service, String path) throws Exception {
    List<String> ids = new ArrayList<>();
    Optional<String> next = Optional.of(path);
    int pages = 0;
    while (next.isPresent()) {
      assertThat(++pages).as("a walk that ends").isLessThan(2 * ENTRIES);
      HttpResponse<InputStream> page =
          http.send(
              HttpRequest.newBuilder(service.uri(next.get()))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = page.body()) {
        if (page.statusCode() != 200) {
          throw new AssertionError(
              "GET " + next.get() + " answered " + page.statusCode() + ": " + text(body));
        }
        ids.addAll(idsOf(body));
      }
      next = page.headers().firstValue("Link").map(PagesOfMaximalEntriesIT::nextPath);
    }
    return ids;
  }

  /** The member names of the JSON object {@code body}, skipping their values. */
  private static List<String> idsOf(InputStream body) throws IOException {
    List<String> ids = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        ids.add(parser.currentName());
        parser.nextToken();
        parser.skipChildren();
      }
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
    }
    return ids;
  }

  private static String text(InputStream body) throws IOException {
    return new String(body.readNBytes(4096), StandardCharsets.UTF_8);
  }

  private static String nextPath(String link) {
    Matcher next = NEXT_LINK.matcher(link);
    assertThat(next.matches()).as(link).isTrue();
    return next.group(1);
  }
}
