package org.addrservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ops/cds/create-archive.sh on the packaged jar, with the JVM options the image runs with: java
 * maps the archive it makes (with -Xshare:on java refuses to start otherwise) and loads the
 * service's own classes from it; and a start named an archive it cannot use comes up all the same.
 */
class CdsArchiveIT {

  private static final Path SCRIPT = OpsKit.OPS.resolve("cds").resolve("create-archive.sh");

  /** How -Xlog:class+load names the source of a class mapped from a dynamic archive. */
  private static final String FROM_THE_ARCHIVE = " source: shared objects file (top)";

  /** What the JVM answers for an orderly exit started by SIGTERM: 128 + 15. */
  private static final int EXIT_ON_SIGTERM = 143;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void theServiceStartsWithTheScriptsArchiveMappedAndItsClassesInIt(@TempDir Path dir)
      throws Exception {
    Path archive = dir.resolve("addrservice.jsa");

    Result made = createArchive(archive);

    assertThat(made.exitCode()).as(made.output()).isZero();
    assertThat(made.output()).contains("wrote " + archive);
    assertThat(archive).isNotEmptyFile();

    Path classLog = dir.resolve("class-load.log");
    List<String> options = new ArrayList<>(imageOptionsWithoutTheArchive());
    options.add("-Xshare:on");
    options.add("-XX:SharedArchiveFile=" + archive);
    options.add("-Xlog:class+load=info:file=" + classLog);
    try (ServiceProcess service = start(options, dir, "cds-archive")) {
      assertThat(status(service.adminUri("/health-check?type=ready"))).isEqualTo(200);
      assertThat(status(service.uri("/addresses"))).isEqualTo(200);
      assertThat(service.terminate()).isEqualTo(EXIT_ON_SIGTERM);
    }
    assertThat(Files.readAllLines(classLog, StandardCharsets.UTF_8))
        .anyMatch(
            line -> line.endsWith(" org.addrservice.AddrServiceApplication" + FROM_THE_ARCHIVE))
        .anyMatch(line -> line.endsWith(" org.eclipse.jetty.server.Server" + FROM_THE_ARCHIVE));
  }

  @Test
  void anArchiveJavaCannotUseLeavesTheServiceStartingWithout(@TempDir Path dir) throws Exception {
    Path archive = dir.resolve("addrservice.jsa");
    Files.writeString(archive, "not an archive\n", StandardCharsets.UTF_8);
    List<String> options = new ArrayList<>(imageOptionsWithoutTheArchive());
    options.add("-XX:SharedArchiveFile=" + archive);

    try (ServiceProcess service = start(options, dir, "cds-unusable-archive")) {
      assertThat(status(service.adminUri("/health-check?type=ready"))).isEqualTo(200);
    }
  }

  @Test
  void theScriptFailsWithoutAJarAndLeavesNoArchive(@TempDir Path dir) throws Exception {
    Path archive = dir.resolve("addrservice.jsa");

    Result made = run(dir.resolve("missing.jar"), archive);

    assertThat(made.exitCode()).isEqualTo(1);
    assertThat(made.output()).contains("no jar at");
    assertThat(archive).doesNotExist();
  }

  /**
   * The image's JDK_JAVA_OPTIONS less its -XX:SharedArchiveFile, which names the image's archive.
   */
  private static List<String> imageOptionsWithoutTheArchive() {
    return Arrays.stream(JvmSettings.docker().split("\\s+"))
        .filter(option -> !option.startsWith("-XX:SharedArchiveFile="))
        .toList();
  }

  private static ServiceProcess start(List<String> options, Path dir, String name) {
    return ServiceProcess.start(
        options,
        Fixtures.path("config/process-sqlite.yml"),
        ServiceProcess.logFile(name),
        "dw.store.file=" + dir.resolve("addressbook.db"));
  }

  /** Runs the script as the image does: its JDK_JAVA_OPTIONS in the environment. */
  private static Result createArchive(Path archive) throws IOException, InterruptedException {
    return run(ServiceProcess.jar(), archive);
  }

  private static Result run(Path jar, Path archive) throws IOException, InterruptedException {
    Path output = ServiceProcess.logFile("create-archive");
    Files.deleteIfExists(output);
    ProcessBuilder command =
        new ProcessBuilder("bash", SCRIPT.toString(), jar.toString(), archive.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    command.environment().put(JvmSettings.VARIABLE, JvmSettings.docker());
    command.environment().put("JAVA", ServiceProcess.java().toString());
    Process process = command.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("create-archive.sh did not finish within 5 minutes; see " + output);
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private int status(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private record Result(int exitCode, String output) {}
}
