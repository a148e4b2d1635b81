package org.addrservice.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged fat jar, {@code java -jar target/addrservice.jar server <config>}, running as a
 * child process on free ports, for tests that kill or signal the real thing.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final int adminPort;
  private final Path log;

  private ServiceProcess(Process process, int port, int adminPort, Path log) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.log = log;
  }

  /**
   * Starts the jar with {@code config} and the given {@code dw.*} overrides, and waits until its
   * health check answers 200.
   */
  public static ServiceProcess start(Path config, Path log, String... overrides) {
    return start(List.of(), config, log, overrides);
  }

  /** As {@link #start(Path, Path, String...)}, with {@code jvmOptions} on java's command line. */
  public static ServiceProcess start(
      List<String> jvmOptions, Path config, Path log, String... overrides) {
    Path jar = jar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: process tests run after `mvn package`");
    }
    int port = freePort();
    int adminPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(java().toString());
    command.add("-Xmx256m");
    command.addAll(jvmOptions);
    command.add("-Ddw.server.applicationConnectors[0].port=" + port);
    command.add("-Ddw.server.adminConnectors[0].port=" + adminPort);
    for (String override : overrides) {
      command.add("-D" + override);
    }
    command.addAll(List.of("-jar", jar.toString(), "server", config.toString()));
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      ServiceProcess service = new ServiceProcess(process, port, adminPort, log);
      service.awaitHealthy();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The packaged fat jar the process tests run. */
  public static Path jar() {
    return Path.of(System.getProperty("addrservice.jar", "target/addrservice.jar"));
  }

  /** The java that runs the tests, which also runs the jar. */
  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  public int port() {
    return port;
  }

  /** The process id, to read what the kernel says of the process (its threads, its memory). */
  public long pid() {
    return process.pid();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  public URI adminUri(String path) {
    return URI.create("http://127.0.0.1:" + adminPort + path);
  }

  /**
   * Asks the process to stop with SIGTERM, as an orchestrator does, and answers its exit code once
   * it has exited.
   */
  public int terminate() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the service did not stop within 60 s of SIGTERM");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the service", e);
    }
  }

  /** Kills the process with SIGKILL: no shutdown hook, no flush, nothing. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the service did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing the service", e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
            .timeout(Duration.ofSeconds(5))
            .build();
    await()
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .failFast("the service exited; see " + log, () -> !process.isAlive())
        .until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A log file under {@code target/} for one child process. */
  public static Path logFile(String name) {
    Path dir = Path.of("target", "process-logs");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.resolve(name + ".log");
  }
}
