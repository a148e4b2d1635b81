package org.addrservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.ServiceProcess;
import org.addrservice.testing.TestPostgres;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Durability, shown on the real jar and on every store that keeps entries across restarts (fs,
 * sqlite, postgres): several clients create and update entries, the process is killed with SIGKILL
 * in the middle of it, and after a restart every write the service had acknowledged is there,
 * intact. A write that was in flight at the kill may or may not have happened, but never half.
 *
 * <p>SIGKILL loses what the process held in memory, not what it had handed to the kernel; that an
 * acknowledged SQLite write also survives a power cut rests on {@code synchronous=FULL}, which
 * {@code SqliteStoreTest} checks on every pooled connection.
 */
class KillDuringWritesIT {

  private static final int WRITERS = 4;
  private static final int WRITES_BEFORE_KILL = 300;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What one entry must read as after the crash: its acknowledged value, or the one in flight. */
  private record Expected(String acknowledged, String inFlight) {}

  /** A durable store: the child's config fixture and where, under a test's directory, it writes. */
  enum Store {
    FS("process-fs.yml") {
      @Override
      List<String> prepare(Path directory) {
        return List.of("dw.store.directory=" + directory);
      }

      @Override
      void assertIntactAfterRestart(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
          assertThat(files.map(file -> file.getFileName().toString()))
              .as("no temporary file survives a restart")
              .allMatch(name -> name.endsWith(".json") && !name.startsWith("."));
        }
      }
    },
    SQLITE("process-sqlite.yml") {
      @Override
      List<String> prepare(Path directory) {
        return List.of("dw.store.file=" + file(directory));
      }

      @Override
      void assertIntactAfterRestart(Path directory) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file(directory));
            Statement statement = connection.createStatement();
            ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
          assertThat(check.next()).isTrue();
          assertThat(check.getString(1)).as("SQLite integrity check").isEqualTo("ok");
        }
      }

      private Path file(Path directory) {
        return directory.resolve("data").resolve("addressbook.db");
      }
    },
    POSTGRES("process-postgres.yml") {
      @Override
      boolean available() {
        return TestPostgres.configuredUrl().isPresent();
      }

      @Override
      List<String> prepare(Path directory) {
        // Entries of earlier tests would make the listing check below meaningless.
        TestPostgres.truncate();
        return List.of("dw.store.database.url=" + TestPostgres.url());
      }
    };

    private final String config;

    Store(String config) {
      this.config = config;
    }

    Path config() {
      return Fixtures.path("config/" + config);
    }

    /** Whether the store can run here; only PostgreSQL needs a server. */
    boolean available() {
      return true;
    }

    /**
     * Makes ready an empty store, under {@code directory} when it keeps files, and answers the
     * child's {@code dw.*} overrides that point it there.
     */
    abstract List<String> prepare(Path directory);

    /** Checks, once the restarted child is gone, that the store's own files are sound. */
    void assertIntactAfterRestart(Path directory) throws Exception {}

    String logName(int run) {
      return "kill-" + name().toLowerCase(Locale.ROOT) + "-" + run;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Store.class)
  void everyAcknowledgedWriteSurvivesSigkill(Store store, @TempDir Path directory)
      throws Exception {
    assumeTrue(store.available(), TestPostgres.HOW_TO_RUN);
    String[] overrides = store.prepare(directory).toArray(String[]::new);
    Map<String, Expected> expected = new ConcurrentHashMap<>();
    AtomicInteger acknowledged = new AtomicInteger();

    try (ServiceProcess service =
        ServiceProcess.start(store.config(), ServiceProcess.logFile(store.logName(1)), overrides)) {
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        done.add(writers.submit(() -> write(service, writer, running, expected, acknowledged)));
      }
      // Kill mid-stream, once enough writes have been acknowledged to make the check worth it.
      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= WRITES_BEFORE_KILL);
      service.kill();
      running.set(false);
      writers.shutdown();
      assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      for (Future<?> writer : done) {
        writer.get();
      }
    }

    try (ServiceProcess restarted =
        ServiceProcess.start(store.config(), ServiceProcess.logFile(store.logName(2)), overrides)) {
      for (Map.Entry<String, Expected> entry : expected.entrySet()) {
        HttpResponse<String> read = get(restarted.uri(entry.getKey()));
        assertThat(read.statusCode()).as("GET " + entry.getKey()).isEqualTo(200);
        JsonNode stored = Fixtures.exactJson(read.body());
        Expected value = entry.getValue();
        assertThat(stored)
            .as("entry %s after the crash", entry.getKey())
            .isIn(
                Stream.of(value.acknowledged(), value.inFlight())
                    .filter(v -> v != null)
                    .map(Fixtures::exactJson)
                    .toList());
      }
      HttpResponse<String> list = get(restarted.uri("/addresses"));
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(Fixtures.exactJson(list.body()).size()).isGreaterThanOrEqualTo(expected.size());
    }
    assertThat(acknowledged.get()).isGreaterThanOrEqualTo(WRITES_BEFORE_KILL);
    store.assertIntactAfterRestart(directory);
  }

  /** One client: create an entry, update it a few times, repeat, until the service dies. */
  private Void write(
      ServiceProcess service,
      int writer,
      AtomicBoolean running,
      Map<String, Expected> expected,
      AtomicInteger acknowledged) {
    int sequence = 0;
    while (running.get()) {
      String created = body(writer, sequence++);
      Optional<String> location = send("POST", service.uri("/addresses"), created);
      if (location.isEmpty()) {
        return null;
      }
      String path = location.get();
      expected.put(service.uri(path).getPath(), new Expected(created, null));
      acknowledged.incrementAndGet();
      for (int update = 0; update < 3 && running.get(); update++) {
        String previous = expected.get(path).acknowledged();
        String next = body(writer, sequence++);
        expected.put(path, new Expected(previous, next));
        if (send("PUT", service.uri(path), next).isEmpty()) {
          return null;
        }
        expected.put(path, new Expected(next, null));
        acknowledged.incrementAndGet();
      }
    }
    return null;
  }

  /**
   * Sends one write; answers the Location (or the path) when the service acknowledged it, empty
   * when the service is gone.
   */
  private Optional<String> send(String method, URI uri, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 201) {
        return answer.headers().firstValue("Location");
      }
      if (answer.statusCode() == 204) {
        return Optional.of(uri.getPath());
      }
      throw new AssertionError(method + " " + uri + " answered " + answer.statusCode());
    } catch (java.io.IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String body(int writer, int sequence) {
    return "{\"full_name\": \"writer "
        + writer
        + " write "
        + sequence
        + "\", \"addresses\": [{\"kind\": \"home\", \"street_name\": \""
        + "x".repeat(200)
        + "\", \"pincode\": "
        + sequence
        + ", \"country\": \"IN\"}]}";
  }
}
