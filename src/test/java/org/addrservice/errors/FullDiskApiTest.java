package org.addrservice.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.SmallFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A store on a full disk, for real: each store's files live on a small tmpfs of the test's own,
 * which the test fills to the last page. A write that fails for want of space answers 503 and
 * leaves no trace, the store's health check and readiness turn red, and once space is freed a retry
 * of the failed create stores exactly one entry.
 */
class FullDiskApiTest {

  private static final long DISK_BYTES = 1024 * 1024;

  /** Above what a full disk has usable, below what an empty one has. */
  private static final String MIN_FREE_SPACE = "64KiB";

  private static final Duration SCHEDULED_CHECK = Duration.ofSeconds(5);

  private static SmallFileSystem fsDisk;
  private static SmallFileSystem sqliteDisk;
  private static DropwizardAppExtension<AddrServiceConfiguration> fsApp;
  private static DropwizardAppExtension<AddrServiceConfiguration> sqliteApp;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startEachStoreOnADiskOfItsOwn() throws Exception {
    fsDisk = SmallFileSystem.mount(DISK_BYTES);
    fsApp =
        new DropwizardAppExtension<>(
            AddrServiceApplication.class,
            Fixtures.path("config/fs-health.yml").toString(),
            "full-fs",
            ConfigOverride.config(
                "full-fs", "store.directory", fsDisk.root().resolve("addresses").toString()),
            ConfigOverride.config("full-fs", "store.minFreeSpace", MIN_FREE_SPACE));
    fsApp.before();
    sqliteDisk = SmallFileSystem.mount(DISK_BYTES);
    sqliteApp =
        new DropwizardAppExtension<>(
            AddrServiceApplication.class,
            Fixtures.path("config/sqlite-health.yml").toString(),
            "full-sqlite",
            ConfigOverride.config(
                "full-sqlite",
                "store.file",
                sqliteDisk.root().resolve("addressbook.db").toString()),
            ConfigOverride.config("full-sqlite", "store.minFreeSpace", MIN_FREE_SPACE));
    sqliteApp.before();
  }

  @AfterAll
  static void stopAndUnmount() {
    try {
      if (fsApp != null) {
        fsApp.after();
      }
      if (sqliteApp != null) {
        sqliteApp.after();
      }
    } finally {
      if (fsDisk != null) {
        fsDisk.close();
      }
      if (sqliteDisk != null) {
        sqliteDisk.close();
      }
    }
  }

  @Test
  void onAFullDiskTheFsStoreAnswers503LeavesNoTraceAndTheRetryCreatesOneEntry() throws Exception {
    assertReady(fsApp, true);
    Path directory = fsDisk.root().resolve("addresses");
    // Room for the entry's file but not for its key's.
    fsDisk.fillLeaving(1);

    HttpResponse<String> failed = createWithKey(fsApp, "full-disk-fs");

    assertUnavailable(failed);
    assertThat(entries(fsApp)).as("entries after the failed create").isEmpty();
    try (Stream<Path> files = Files.walk(directory)) {
      assertThat(files.filter(Files::isRegularFile)).as("files of the store").isEmpty();
    }
    assertStoreCheckRed(fsApp);
    assertReady(fsApp, false);

    fsDisk.free();
    assertReady(fsApp, true);
    assertExactlyOneEntryAfterRetries(fsApp, "full-disk-fs");
  }

  @Test
  void onAFullDiskTheSqliteStoreAnswers503LeavesNoTraceAndTheRetryCreatesOneEntry()
      throws Exception {
    assertReady(sqliteApp, true);
    sqliteDisk.fillLeaving(0);

    // SQLite may still find room in pages it holds already: write until it finds none.
    List<String> created = new ArrayList<>();
    HttpResponse<String> failed = null;
    for (int i = 0; i < 100 && failed == null; i++) {
      HttpResponse<String> answer = createWithKey(sqliteApp, "full-disk-sqlite-" + i);
      if (answer.statusCode() == 201) {
        created.add(answer.headers().firstValue("Location").orElseThrow());
      } else {
        failed = answer;
      }
    }

    assertThat(failed).as("a create that found the disk full").isNotNull();
    assertUnavailable(failed);
    String failedKey = "full-disk-sqlite-" + created.size();
    assertThat(entries(sqliteApp)).as("entries after the failed create").hasSize(created.size());
    assertStoreCheckRed(sqliteApp);
    assertReady(sqliteApp, false);

    sqliteDisk.free();
    assertReady(sqliteApp, true);
    HttpResponse<String> retried = createWithKey(sqliteApp, failedKey);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
    assertThat(entries(sqliteApp)).hasSize(created.size() + 1);
    assertThat(createWithKey(sqliteApp, failedKey).headers().firstValue("Location"))
        .isEqualTo(retried.headers().firstValue("Location"));
    assertThat(entries(sqliteApp)).hasSize(created.size() + 1);
  }

  private void assertExactlyOneEntryAfterRetries(
      DropwizardAppExtension<AddrServiceConfiguration> app, String key) throws Exception {
    HttpResponse<String> retried = createWithKey(app, key);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
    String location = retried.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> again = createWithKey(app, key);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.headers().firstValue("Location")).hasValue(location);
    assertThat(entries(app)).containsExactly(location.substring("/addresses/".length()));
  }

  private static void assertUnavailable(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("message").asText()).isEqualTo("Address book storage unavailable");
    assertThat(answer.body()).doesNotContain("\tat ");
  }

  private void assertStoreCheckRed(DropwizardAppExtension<AddrServiceConfiguration> app)
      throws Exception {
    HttpResponse<String> health = send(adminUri(app, "/healthcheck"), null, null);
    assertThat(health.statusCode()).isEqualTo(500);
    JsonNode store = Fixtures.exactJson(health.body()).get("store");
    assertThat(store.get("healthy").asBoolean()).isFalse();
    assertThat(store.get("message").asText())
        .contains("usable on the file system of")
        .contains("less than store.minFreeSpace (64.0 KiB)");
  }

  private void assertReady(DropwizardAppExtension<AddrServiceConfiguration> app, boolean ready) {
    await()
        .atMost(SCHEDULED_CHECK)
        .until(
            () ->
                send(adminUri(app, "/health-check?type=ready"), null, null).statusCode()
                    == (ready ? 200 : 503));
  }

  /** The ids of the book, from its first page (which holds all of this test's few). */
  private List<String> entries(DropwizardAppExtension<AddrServiceConfiguration> app)
      throws Exception {
    HttpResponse<String> page = send(uri(app, "/addresses"), null, null);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("Link")).isEmpty();
    List<String> ids = new ArrayList<>();
    Fixtures.exactJson(page.body()).fieldNames().forEachRemaining(ids::add);
    return ids;
  }

  private HttpResponse<String> createWithKey(
      DropwizardAppExtension<AddrServiceConfiguration> app, String key) throws Exception {
    return send(uri(app, "/addresses"), Fixtures.text("entries/full.json"), key);
  }

  private HttpResponse<String> send(URI uri, String body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.POST(HttpRequest.BodyPublishers.ofString(body));
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(DropwizardAppExtension<AddrServiceConfiguration> app, String path) {
    return URI.create("http://127.0.0.1:" + app.getLocalPort() + path);
  }

  private static URI adminUri(DropwizardAppExtension<AddrServiceConfiguration> app, String path) {
    return URI.create("http://127.0.0.1:" + app.getAdminPort() + path);
  }
}
