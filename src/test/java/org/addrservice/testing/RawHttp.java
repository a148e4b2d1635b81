package org.addrservice.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends bytes that no well-behaved HTTP client would send (bad request lines, NULs in paths,
 * oversized headers) and reads back what the server answered.
 */
public final class RawHttp {

  private static final int TIMEOUT_MILLIS = 10_000;

  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  private static final byte[] LINE_END = {'\r', '\n'};

  private RawHttp() {}

  /** The server's answer: status code, headers (lower-cased names) and body. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  /**
   * Sends {@code request} as is to 127.0.0.1:{@code port} and reads until the server closes.
   *
   * <p>The bytes are written by a second thread while this one reads, the way a browser does: a
   * server may answer (413, 400) and close before it has read a large request, and the answer must
   * still be seen even though the rest of the request can no longer be written.
   */
  public static Answer send(int port, byte[] request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      IOException[] writeFailure = new IOException[1];
      Thread writer =
          new Thread(
              () -> {
                try {
                  OutputStream out = socket.getOutputStream();
                  out.write(request);
                  out.flush();
                  socket.shutdownOutput();
                } catch (IOException e) {
                  writeFailure[0] = e;
                }
              },
              "raw-http-writer");
      writer.start();
      byte[] answer;
      try {
        answer = readAll(socket.getInputStream());
      } finally {
        joinQuietly(writer);
      }
      if (answer.length == 0 && writeFailure[0] != null) {
        throw writeFailure[0];
      }
      return parse(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static Answer send(int port, String request) {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * A request whose bytes the caller sends at its own pace over one open connection, the way a slow
   * client does; until {@link #finish}, the request is in flight at the server.
   */
  public static final class SlowRequest implements AutoCloseable {

    private final Socket socket;

    private SlowRequest(Socket socket) {
      this.socket = socket;
    }

    /** Connects to 127.0.0.1:{@code port} and sends {@code head}. */
    public static SlowRequest open(int port, String head) {
      SlowRequest request = new SlowRequest(new Socket());
      try {
        request.socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        request.socket.setSoTimeout(TIMEOUT_MILLIS);
      } catch (IOException e) {
        request.close();
        throw new UncheckedIOException(e);
      }
      request.send(head.getBytes(StandardCharsets.ISO_8859_1));
      return request;
    }

    public void send(byte[] bytes) {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Reads the answer until the server closes, sending nothing more: an answer given before the
     * request was all sent. The first status line the server sent is the answer's status, even if
     * it was {@code 100 Continue}.
     */
    public Answer answer() {
      try {
        return parse(readAll(socket.getInputStream()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Reads an interim answer ({@code 100 Continue}) to its end; its status line. */
    public String interimStatusLine() {
      try {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!endsWith(head, HEADER_END)) {
          int b = in.read();
          if (b < 0) {
            throw new IOException("closed before an interim answer: " + head);
          }
          head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static boolean endsWith(ByteArrayOutputStream bytes, byte[] end) {
      byte[] all = bytes.toByteArray();
      return all.length >= end.length
          && Arrays.equals(all, all.length - end.length, all.length, end, 0, end.length);
    }

    /** Sends the last bytes and reads the answer until the server closes. */
    public Answer finish(byte[] last) {
      send(last);
      try {
        socket.shutdownOutput();
        return parse(readAll(socket.getInputStream()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Reads until the server closes. A reset after the server has answered (it closed with request
   * bytes still unread, so the kernel sent RST) ends the answer rather than losing it.
   */
  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        bytes.write(buffer, 0, n);
      }
    } catch (SocketException e) {
      if (bytes.size() == 0) {
        throw e;
      }
    }
    return bytes.toByteArray();
  }

  private static Answer parse(byte[] raw) {
    int headerEnd = indexOf(raw, HEADER_END);
    if (headerEnd < 0) {
      throw new IllegalStateException(
          "not an HTTP answer: " + new String(raw, StandardCharsets.UTF_8));
    }
    List<String> lines = new String(raw, 0, headerEnd, StandardCharsets.UTF_8).lines().toList();
    String statusLine = lines.get(0);
    int firstSpace = statusLine.indexOf(' ');
    int status = Integer.parseInt(statusLine.substring(firstSpace + 1, firstSpace + 4));
    Map<String, String> headers = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(raw, headerEnd + HEADER_END.length, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** The body of a chunked answer: each chunk's bytes, without the sizes and trailers. */
  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int sizeEnd = indexOf(chunked, LINE_END, at);
      String sizeLine = new String(chunked, at, sizeEnd - at, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        return body.toByteArray();
      }
      body.write(chunked, sizeEnd + LINE_END.length, size);
      at = sizeEnd + LINE_END.length + size + LINE_END.length;
    }
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    return indexOf(bytes, part, 0);
  }

  private static int indexOf(byte[] bytes, byte[] part, int from) {
    for (int i = from; i <= bytes.length - part.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    return -1;
  }
}
