package io.eris.it.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 in front of the node: the browser talks to the relay's port, so the
 * tests can make the node unreachable for the browser (connections refused, open ones cut, the
 * service worker's fetches included) and reachable again on the same origin, without touching the
 * node. Bytes are copied as they are (HTTP keep-alive and server-sent events pass through).
 */
final class Relay implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private int port;

  Relay(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** Starts listening: on a free port the first time, on the same port after {@link #stop}. */
  synchronized Relay start() throws IOException {
    if (server != null) {
      return this;
    }
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    port = s.getLocalPort();
    server = s;
    Thread accept = new Thread(() -> acceptLoop(s), "relay-accept-" + port);
    accept.setDaemon(true);
    accept.start();
    return this;
  }

  int port() {
    return port;
  }

  boolean running() {
    return server != null;
  }

  /** Refuses new connections and cuts the open ones: the node is unreachable. */
  synchronized void stop() {
    ServerSocket s = server;
    server = null;
    if (s != null) {
      closeQuietly(s);
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  @Override
  public void close() {
    stop();
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      Socket client;
      try {
        client = s.accept();
      } catch (IOException e) {
        return;
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(new InetSocketAddress(targetHost, targetPort), 5000);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(upstream);
        continue;
      }
      open.add(client);
      open.add(upstream);
      pipe(client, upstream, "up");
      pipe(upstream, client, "down");
    }
  }

  private void pipe(Socket from, Socket to, String name) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (SocketException e) {
                // closed by the other side or by stop()
              } catch (IOException e) {
                // the same
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "relay-" + name + "-" + port);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // nothing to do
    }
  }
}
