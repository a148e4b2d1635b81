package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DropwizardExtensionsSupport.class)
class FileSystemStoreApiTest extends AddressBookApiContract {

  private static final Path DIRECTORY = newDirectory();

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/fs.yml").toString(),
          ConfigOverride.config("store.directory", DIRECTORY.toString()));

  private static final DropwizardAppExtension<AddrServiceConfiguration> SMALL_PAGES_APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/fs.yml").toString(),
          SMALL_PAGES,
          ConfigOverride.config(SMALL_PAGES, "store.directory", newDirectory().toString()),
          ConfigOverride.config(SMALL_PAGES, "limits.maxPageBytes", SMALL_PAGE_BYTES));

  @Override
  protected DropwizardAppExtension<AddrServiceConfiguration> app() {
    return APP;
  }

  @Override
  protected DropwizardAppExtension<AddrServiceConfiguration> smallPagesApp() {
    return SMALL_PAGES_APP;
  }

  @Test
  void eachEntryIsOneJsonFileInTheConfiguredDirectory() throws IOException {
    String entry = Fixtures.text("entries/full.json");
    String location = create(entry);
    Path file = DIRECTORY.resolve(location.substring("/addresses/".length()) + ".json");
    assertThat(file).isRegularFile();
    assertThat(Fixtures.exactJson(Files.readString(file)).get("entry"))
        .isEqualTo(Fixtures.exactJson(entry));

    assertThat(send("DELETE", location, null, null).statusCode()).isEqualTo(204);
    assertThat(file).doesNotExist();
  }

  @Test
  void entriesSurviveARestart(@TempDir Path directory) throws Exception {
    String entry = Fixtures.text("entries/full.json");
    DropwizardTestSupport<AddrServiceConfiguration> first = start(directory);
    String location;
    try {
      location = createOn(first, entry);
    } finally {
      first.after();
    }
    DropwizardTestSupport<AddrServiceConfiguration> second = start(directory);
    try {
      HttpResponse<String> read =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              "http://127.0.0.1:" + second.getLocalPort() + location))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(Fixtures.exactJson(read.body())).isEqualTo(Fixtures.exactJson(entry));
    } finally {
      second.after();
    }
  }

  private static DropwizardTestSupport<AddrServiceConfiguration> start(Path directory)
      throws Exception {
    DropwizardTestSupport<AddrServiceConfiguration> app =
        new DropwizardTestSupport<>(
            AddrServiceApplication.class,
            Fixtures.path("config/fs.yml").toString(),
            ConfigOverride.config("store.directory", directory.toString()));
    app.before();
    return app;
  }

  private static String createOn(DropwizardTestSupport<AddrServiceConfiguration> app, String entry)
      throws Exception {
    HttpResponse<String> created =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:" + app.getLocalPort() + "/addresses"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(entry))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    return created.headers().firstValue("Location").orElseThrow();
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("addrservice-fs-api");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
