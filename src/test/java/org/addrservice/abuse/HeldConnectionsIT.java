package org.addrservice.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.addrservice.ops.JvmSettings;
import org.addrservice.testing.RawHttp;
import org.addrservice.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code config.yml}, run by the real jar under the JVM options of the ops deployments,
 * against what costs a server threads and memory without a single request being served: clients
 * that open and close connections as fast as they can, and thousands of connections that stay idle
 * or send their headers one byte at a time. The thread pool grows only to its bound and shrinks
 * again, other clients are answered throughout, and the process stays within the memory limit of
 * the Kubernetes deployment.
 */
class HeldConnectionsIT {

  private static final int MAX_THREADS = 128;
  private static final int IDLE_CONNECTIONS = 1000;
  private static final int SLOW_HEADER_CONNECTIONS = 1000;
  private static final Duration HOLD = Duration.ofSeconds(60);
  private static final Duration CHURN = Duration.ofSeconds(15);

  /** Longer than any answer takes unless the service is starved of threads or connections. */
  private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(2);

  private static final String FRESH_CONNECTION_GET =
      "GET /addresses?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

  private static final Pattern STATUS_FIELD = Pattern.compile("(?m)^(\\w+):\\s+(\\d+)");
  private static final byte[] SLOW_HEAD =
      "GET /addresses HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

  @Test
  void connectionChurnGrowsThePoolToItsBoundAtMostAndIdleThreadsGoAgain(@TempDir Path dir)
      throws Exception {
    try (ServiceProcess service = start(dir)) {
      long before = status(service, "Threads");
      LongAccumulator peak = new LongAccumulator(Math::max, before);
      AtomicInteger connections = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      try {
        long end = System.nanoTime() + CHURN.toNanos();
        List<Future<?>> churners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          churners.add(
              clients.submit(
                  () -> {
                    while (System.nanoTime() < end) {
                      openAndClose(service.port());
                      connections.incrementAndGet();
                    }
                  }));
        }
        while (System.nanoTime() < end) {
          peak.accumulate(status(service, "Threads"));
          Thread.sleep(100);
        }
        for (Future<?> churner : churners) {
          churner.get();
        }
      } finally {
        clients.shutdownNow();
      }

      assertThat(connections.get()).isGreaterThan(10_000);
      assertThat(peak.get()).isLessThanOrEqualTo(before + MAX_THREADS);
      // idleThreadTimeout is 10 s: the burst's threads are gone within a couple of timeouts.
      await()
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> status(service, "Threads") <= before + 8);
      assertThat(get(service, "/addresses?limit=1")).isEqualTo(200);
    }
  }

  @Test
  void thousandsOfIdleAndSlowHeaderConnectionsLeaveOtherClientsServedWithinTheMemoryLimit(
      @TempDir Path dir) throws Exception {
    try (ServiceProcess service = start(dir);
        HeldConnections held = new HeldConnections(service.port())) {
      long before = status(service, "Threads");
      held.open(IDLE_CONNECTIONS, SLOW_HEADER_CONNECTIONS);

      List<Long> millis = new ArrayList<>();
      long peakThreads = before;
      long end = System.nanoTime() + HOLD.toNanos();
      int sent = 0;
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        // Every fourth request on a fresh connection: the acceptor must still take new ones.
        int status =
            sent % 4 == 0
                ? RawHttp.send(service.port(), FRESH_CONNECTION_GET).status()
                : get(service, "/addresses?limit=1");
        long took = System.nanoTime() - start;
        assertThat(status).as("request %d", sent).isEqualTo(200);
        assertThat(Duration.ofNanos(took)).as("request %d", sent).isLessThan(ANSWERED_WITHIN);
        millis.add(took / 1_000_000);
        sent++;
        held.keepOpen();
        peakThreads = Math.max(peakThreads, status(service, "Threads"));
        Thread.sleep(20);
      }

      assertThat(held.open()).isEqualTo(IDLE_CONNECTIONS + SLOW_HEADER_CONNECTIONS);
      assertThat(peakThreads).isLessThanOrEqualTo(before + MAX_THREADS);
      long peakRssMebibytes = status(service, "VmHWM") / 1024;
      assertThat(peakRssMebibytes).isLessThan(JvmSettings.kubernetesMemoryLimitMebibytes());
      long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          "held %d connections for %s: %d requests, p50 %d ms, p99 %d ms, max %d ms;"
              + " %d threads at most, peak RSS %d MiB%n",
          held.open(),
          HOLD,
          sorted.length,
          sorted[sorted.length / 2],
          sorted[(int) (sorted.length * 0.99)],
          sorted[sorted.length - 1],
          peakThreads,
          peakRssMebibytes);
      assertThat(service.isAlive()).isTrue();
    }
  }

  /**
   * Connections that a client holds without finishing a request, reopened when the server drops
   * them.
   */
  private static final class HeldConnections implements AutoCloseable {

    private final int port;
    private final List<SocketChannel> idle = new ArrayList<>();
    private final List<SocketChannel> slow = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long lastByte = System.nanoTime();

    HeldConnections(int port) {
      this.port = port;
    }

    void open(int idleCount, int slowCount) throws IOException {
      for (int i = 0; i < idleCount; i++) {
        idle.add(connect());
      }
      for (int i = 0; i < slowCount; i++) {
        slow.add(slowHeader());
      }
    }

    int open() {
      return idle.size() + slow.size();
    }

    /**
     * Sends one more header byte on each slow connection every few seconds, and opens again any
     * connection the server has closed (idle ones, after its idle timeout): the attack goes on.
     */
    void keepOpen() throws IOException {
      if (System.nanoTime() - lastByte < Duration.ofSeconds(5).toNanos()) {
        return;
      }
      lastByte = System.nanoTime();
      for (int i = 0; i < slow.size(); i++) {
        SocketChannel channel = slow.get(i);
        if (isClosedByServer(channel) || !sendByte(channel)) {
          channel.close();
          slow.set(i, slowHeader());
        }
      }
      for (int i = 0; i < idle.size(); i++) {
        if (isClosedByServer(idle.get(i))) {
          idle.get(i).close();
          idle.set(i, connect());
        }
      }
    }

    private SocketChannel connect() throws IOException {
      SocketChannel channel =
          SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      channel.configureBlocking(false);
      return channel;
    }

    private SocketChannel slowHeader() throws IOException {
      SocketChannel channel = connect();
      ByteBuffer head = ByteBuffer.wrap(SLOW_HEAD);
      while (head.hasRemaining()) {
        channel.write(head);
      }
      return channel;
    }

    private static boolean sendByte(SocketChannel channel) {
      try {
        return channel.write(ByteBuffer.wrap(new byte[] {'a'})) == 1;
      } catch (IOException e) {
        return false;
      }
    }

    private static boolean isClosedByServer(SocketChannel channel) {
      try {
        return channel.read(ByteBuffer.allocate(1024)) < 0;
      } catch (IOException e) {
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      if (closed.compareAndSet(false, true)) {
        for (SocketChannel channel : idle) {
          channel.close();
        }
        for (SocketChannel channel : slow) {
          channel.close();
        }
      }
    }
  }

  private static ServiceProcess start(Path dir) {
    Path logs = dir.resolve("logs");
    return ServiceProcess.start(
        JvmSettings.opsOptionsWithoutArchive(),
        Path.of("config.yml"),
        ServiceProcess.logFile("held-connections"),
        "dw.store.file=" + dir.resolve("addressbook.db"),
        "dw.logging.appenders[1].currentLogFilename=" + logs.resolve("addrservice.log"),
        "dw.logging.appenders[1].archivedLogFilenamePattern="
            + logs.resolve("addrservice-%i.log.gz"));
  }

  private static void openAndClose(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
    } catch (IOException e) {
      // Refused under the churn itself: the client tries again, as an attacker would.
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static int get(ServiceProcess service, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(service.uri(path).toString()))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A field of {@code /proc/<pid>/status}: {@code Threads}, or {@code VmHWM} (peak RSS, KiB). */
  private static long status(ServiceProcess service, String field) {
    try {
      Matcher fields =
          STATUS_FIELD.matcher(Files.readString(Path.of("/proc", service.pid() + "", "status")));
      while (fields.find()) {
        if (fields.group(1).equals(field)) {
          return Long.parseLong(fields.group(2));
        }
      }
      throw new AssertionError("no " + field + " in the process status");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
