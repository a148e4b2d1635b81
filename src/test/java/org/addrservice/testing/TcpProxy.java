package org.addrservice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free 127.0.0.1 port that forwards every connection to a target, and can be cut
 * and restored: the way to take a database away from a running service without stopping a server
 * that others share.
 *
 * <p>{@link #cut()} resets every open connection and, until {@link #restore()}, resets each new one
 * as soon as it is accepted, so clients fail at once, as against a stopped server. The proxy keeps
 * its port throughout, so the service never has to be told about another one.
 */
public final class TcpProxy implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int BUFFER_SIZE = 16 * 1024;

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile State state = State.FORWARDING;

  private enum State {
    FORWARDING,
    CUT,
    FROZEN
  }

  private TcpProxy(InetSocketAddress target, ServerSocket listener) {
    this.target = target;
    this.listener = listener;
    this.acceptor = new Thread(this::acceptAll, "tcp-proxy-" + listener.getLocalPort());
    this.acceptor.setDaemon(true);
  }

  /** Starts a proxy to {@code host}:{@code port}. */
  public static TcpProxy start(String host, int port) {
    try {
      ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), listener);
      proxy.acceptor.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** How many connections the proxy has accepted so far, cut ones included. */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** Resets every open connection and every new one, until {@link #restore()}. */
  public void cut() {
    state = State.CUT;
    resetAll();
  }

  /**
   * Stops forwarding, until {@link #restore()}: what is sent is dropped, new connections are
   * accepted and left waiting.
   */
  public void freeze() {
    state = State.FROZEN;
  }

  /** Resets what was left open by a cut or a freeze, and forwards new connections again. */
  public void restore() {
    // Cut first, so that no connection is parked by the freeze while the old ones are reset.
    state = State.CUT;
    resetAll();
    state = State.FORWARDING;
  }

  /** Stops listening and resets every open connection. */
  @Override
  public void close() {
    state = State.CUT;
    try {
      listener.close();
    } catch (IOException e) {
      // Nothing to do: the proxy is going away either way.
    }
    resetAll();
  }

  private void resetAll() {
    for (Socket socket : open) {
      reset(socket);
    }
  }

  private void acceptAll() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      switch (state) {
        case CUT -> reset(client);
        case FROZEN -> open.add(client);
        case FORWARDING -> forward(client);
      }
    }
  }

  private void forward(Socket client) {
    Socket server = new Socket();
    try {
      server.connect(target, CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      reset(client);
      reset(server);
      return;
    }
    open.add(client);
    open.add(server);
    // Checked again once registered: a cut() that ran in between may not have seen them.
    if (state == State.CUT) {
      reset(client);
      reset(server);
      return;
    }
    pump(client, server, "up");
    pump(server, client, "down");
  }

  /** Copies bytes from one socket to the other until either side ends; then ends both. */
  private void pump(Socket from, Socket to, String direction) {
    Thread pump =
        new Thread(
            () -> {
              byte[] buffer = new byte[BUFFER_SIZE];
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                  // While frozen, what is read is dropped, as by a link that loses every packet.
                  if (state == State.FORWARDING) {
                    out.write(buffer, 0, read);
                    out.flush();
                  }
                }
              } catch (IOException e) {
                // A reset or closed socket ends the copy; the pair is torn down below.
              } finally {
                reset(from);
                reset(to);
              }
            },
            "tcp-proxy-" + port() + "-" + direction);
    pump.setDaemon(true);
    pump.start();
  }

  /** Closes the socket with a TCP reset, as a dead peer or a dropped link shows to a client. */
  private void reset(Socket socket) {
    open.remove(socket);
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0);
      }
    } catch (SocketException e) {
      // Already gone: closing it is all that is left to do.
    }
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing more can be done with a socket that cannot even be closed.
    }
  }
}
