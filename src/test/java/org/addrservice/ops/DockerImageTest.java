package org.addrservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.addrservice.AddrServiceConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ops/docker: there is no container engine to build the image with here, so the Dockerfile is
 * checked statically and its HEALTHCHECK script is run against a real service.
 */
class DockerImageTest {

  private static final Path HEALTHCHECK = OpsKit.OPS.resolve("docker").resolve("healthcheck.sh");
  private static final Path CDS_SCRIPT = OpsKit.OPS.resolve("cds").resolve("create-archive.sh");

  @Test
  void healthcheckSucceedsAgainstAReadyService(@TempDir Path dir) throws Exception {
    Path config = OpsKit.runnableConfigMapConfig(dir, OpsKit.sqliteStore(dir));
    DropwizardTestSupport<AddrServiceConfiguration> service = OpsKit.start(config);
    try {
      assertThat(runHealthcheck(service.getAdminPort())).isZero();
    } finally {
      service.after();
    }
  }

  @Test
  void healthcheckAliveSucceedsAgainstALiveServiceAndAnUnknownModeIsAnError(@TempDir Path dir)
      throws Exception {
    Path config = OpsKit.runnableConfigMapConfig(dir, OpsKit.sqliteStore(dir));
    DropwizardTestSupport<AddrServiceConfiguration> service = OpsKit.start(config);
    try {
      assertThat(runHealthcheck(service.getAdminPort(), "alive")).isZero();
      assertThat(runHealthcheck(service.getAdminPort(), "ready")).isZero();
      assertThat(runHealthcheck(service.getAdminPort(), "sideways")).isEqualTo(2);
    } finally {
      service.after();
    }
  }

  @Test
  void healthcheckFailsWhenNothingListens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertThat(runHealthcheck(closedPort)).isNotZero();
  }

  @Test
  void healthcheckFailsWhenTheServiceIsAliveButNotReady() throws Exception {
    // Answers as the admin port of a service whose store is down: alive, but not ready.
    HttpServer notReady =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    notReady.createContext(
        "/",
        exchange -> {
          String asked = exchange.getRequestURI().toString();
          int status =
              switch (asked) {
                case "/ping", "/health-check?type=alive" -> 200;
                case "/health-check?type=ready" -> 503;
                default -> 404;
              };
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    notReady.start();
    try {
      int port = notReady.getAddress().getPort();
      assertThat(runHealthcheck(port)).as("the image's HEALTHCHECK").isNotZero();
      assertThat(runHealthcheck(port, "ready")).as("readiness").isNotZero();
      assertThat(runHealthcheck(port, "alive")).as("liveness").isZero();
    } finally {
      notReady.stop(0);
    }
  }

  @Test
  void imageRunsTheFatJarAsAFixedNonRootUserOnAPinnedTemurin17Jre() {
    Dockerfile dockerfile = dockerfile();

    assertThat(dockerfile.only("FROM")).matches("eclipse-temurin:17\\.[0-9._]+-jre(-[a-z]+)?");
    assertThat(imageUid()).isGreaterThan(0);
    assertThat(dockerfile.only("USER")).isEqualTo(imageUid() + ":" + imageUid());
    assertThat(dockerfile.all("COPY")).anyMatch(copy -> copy.contains("target/addrservice.jar "));
    for (String copy : dockerfile.all("COPY")) {
      String[] words = copy.split("\\s+", -1);
      String source = words[words.length - 2];
      if (!source.startsWith("target/")) {
        assertThat(Path.of(source)).as(copy).isRegularFile();
      }
    }
  }

  @Test
  void signalsReachJavaAndTheHealthcheckIsTheShippedScript() throws JsonProcessingException {
    Dockerfile dockerfile = dockerfile();
    ObjectMapper json = new ObjectMapper();

    assertThat(dockerfile.only("STOPSIGNAL")).isEqualTo("SIGTERM");
    List<String> entrypoint =
        Arrays.asList(json.readValue(dockerfile.only("ENTRYPOINT"), String[].class));
    assertThat(entrypoint).startsWith("java", "-jar");
    String healthcheckCommand = dockerfile.only("HEALTHCHECK").replaceFirst("^.*\\bCMD\\s+", "");
    String script = json.readValue(healthcheckCommand, String[].class)[0];
    assertThat(dockerfile.all("COPY")).anyMatch(copy -> copy.endsWith(HEALTHCHECK + " " + script));
  }

  @Test
  void imageExposesTheConfiguredPortsAndItsConfigListensBeyondLoopbackForTheApiOnly() {
    Dockerfile dockerfile = dockerfile();

    assertThat(dockerfile.only("EXPOSE").split("\\s+", -1)).containsExactly("8080", "8081");
    assertThat(dockerfile.all("COPY"))
        .anyMatch(copy -> copy.endsWith("ops/config-fs.yml /etc/addrservice/config.yml"));
    assertThat(OpsKit.read(OpsKit.OPS.resolve("config-fs.yml")))
        .contains("bindHost: 0.0.0.0\n      port: ${ADDRSERVICE_PORT:-8080}")
        .contains("bindHost: 127.0.0.1\n      port: ${ADDRSERVICE_ADMIN_PORT:-8081}")
        .contains("port: ${ADDRSERVICE_ADMIN_PORT:-8081}");
  }

  @Test
  void jvmSettingsAreTheSameInTheImageTheUnitAndTheDeployment() {
    String docker = JvmSettings.docker();

    assertThat(docker).contains("-Xmx").contains("-XX:+ExitOnOutOfMemoryError");
    assertThat(JvmSettings.systemd()).isEqualTo(docker);
    assertThat(JvmSettings.kubernetes()).isEqualTo(docker);
  }

  @Test
  void mallocArenasAreBoundedInTheImageTheUnitAndTheDeployment() {
    assertThat(dockerfile().environment()).containsEntry(JvmSettings.MALLOC_ARENAS, "2");
    assertThat(SystemdUnitTest.unit().environment()).containsEntry(JvmSettings.MALLOC_ARENAS, "2");
    assertThat(KubernetesManifestsTest.envValue(JvmSettings.MALLOC_ARENAS).asText()).isEqualTo("2");
  }

  @Test
  void imageMakesTheClassArchiveItsJavaOptionsNameWithItsOwnJarAndOptions() throws Exception {
    Dockerfile dockerfile = dockerfile();
    Matcher archive =
        Pattern.compile("(?:^|\\s)-XX:SharedArchiveFile=(\\S+)").matcher(JvmSettings.docker());
    assertThat(archive.find()).as("the image's java options name an archive").isTrue();
    String jar = new ObjectMapper().readValue(dockerfile.only("ENTRYPOINT"), String[].class)[2];
    String script =
        dockerfile.all("COPY").stream()
            .filter(copy -> copy.contains(" " + CDS_SCRIPT + " "))
            .map(copy -> copy.substring(copy.lastIndexOf(' ') + 1))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the image does not copy " + CDS_SCRIPT));

    int made =
        dockerfile.indexOf(
            "RUN", run -> run.startsWith(script + " " + jar + " " + archive.group(1) + " "));
    assertThat(made).as("a RUN makes the archive for the ENTRYPOINT's jar").isNotNegative();
    // The training start runs with the options the service runs with, and after the jar is in.
    assertThat(made)
        .isGreaterThan(dockerfile.indexOf("ENV", env -> env.contains(JvmSettings.VARIABLE)));
    assertThat(made).isGreaterThan(dockerfile.indexOf("COPY", copy -> copy.endsWith(" " + jar)));
    // With -Xshare:on java would refuse to start without a usable archive.
    assertThat(JvmSettings.docker()).doesNotContain("-Xshare:on");
  }

  /** Where the image puts the healthcheck script. */
  static String imageHealthcheckPath() {
    return dockerfile().all("COPY").stream()
        .filter(copy -> copy.contains(" " + HEALTHCHECK + " "))
        .map(copy -> copy.substring(copy.lastIndexOf(' ') + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the image does not copy " + HEALTHCHECK));
  }

  /** The admin port the healthcheck script asks when the environment names none. */
  static int healthcheckDefaultAdminPort() {
    Matcher port =
        Pattern.compile("port=\\$\\{ADDRSERVICE_ADMIN_PORT:-(\\d+)}")
            .matcher(OpsKit.read(HEALTHCHECK));
    assertThat(port.find()).as("the healthcheck script has a default admin port").isTrue();
    return Integer.parseInt(port.group(1));
  }

  static int imageUid() {
    Matcher uid =
        Pattern.compile("--uid (\\d+)").matcher(String.join("\n", dockerfile().all("RUN")));
    assertThat(uid.find()).as("the image creates its user with a fixed uid").isTrue();
    return Integer.parseInt(uid.group(1));
  }

  /** Runs the shipped healthcheck script with {@code arguments}; its exit code. */
  static int runHealthcheck(int adminPort, String... arguments)
      throws IOException, InterruptedException {
    List<String> commandLine = new ArrayList<>(List.of("bash", HEALTHCHECK.toString()));
    commandLine.addAll(Arrays.asList(arguments));
    ProcessBuilder command = new ProcessBuilder(commandLine).redirectErrorStream(true);
    command.environment().put("ADDRSERVICE_ADMIN_PORT", String.valueOf(adminPort));
    Process process = command.start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the healthcheck did not finish within 30 seconds");
    }
    return process.exitValue();
  }

  static Dockerfile dockerfile() {
    return Dockerfile.parse(OpsKit.read(OpsKit.OPS.resolve("docker").resolve("Dockerfile")));
  }

  /** The instructions of a Dockerfile: comments dropped, continued lines joined. */
  record Dockerfile(List<Map.Entry<String, String>> instructions) {

    private static final Pattern VARIABLE = Pattern.compile("(\\w+)=(\"([^\"]*)\"|\\S+)");

    static Dockerfile parse(String text) {
      List<Map.Entry<String, String>> instructions = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        if (line.strip().startsWith("#")) {
          continue;
        }
        if (line.endsWith("\\")) {
          current.append(line, 0, line.length() - 1).append(' ');
          continue;
        }
        current.append(line);
        String instruction = current.toString().strip();
        current.setLength(0);
        if (!instruction.isEmpty()) {
          String[] parts = instruction.split("\\s+", 2);
          instructions.add(Map.entry(parts[0], parts.length > 1 ? parts[1].strip() : ""));
        }
      }
      return new Dockerfile(instructions);
    }

    List<String> all(String keyword) {
      return instructions.stream()
          .filter(instruction -> instruction.getKey().equals(keyword))
          .map(Map.Entry::getValue)
          .toList();
    }

    /** The position of the first {@code keyword} instruction that {@code matches}, or -1. */
    int indexOf(String keyword, Predicate<String> matches) {
      for (int i = 0; i < instructions.size(); i++) {
        Map.Entry<String, String> instruction = instructions.get(i);
        if (instruction.getKey().equals(keyword) && matches.test(instruction.getValue())) {
          return i;
        }
      }
      return -1;
    }

    String only(String keyword) {
      List<String> all = all(keyword);
      assertThat(all).as(keyword).hasSize(1);
      return all.get(0);
    }

    Map<String, String> environment() {
      Map<String, String> environment = new LinkedHashMap<>();
      for (String env : all("ENV")) {
        Matcher variable = VARIABLE.matcher(env);
        while (variable.find()) {
          environment.put(
              variable.group(1), variable.group(3) != null ? variable.group(3) : variable.group(2));
        }
      }
      return environment;
    }
  }
}
