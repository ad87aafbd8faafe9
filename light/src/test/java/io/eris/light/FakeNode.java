package io.eris.light;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eris.core.codec.Json;
import io.eris.core.crypto.Address;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A full node's read API over real HTTP (127.0.0.1, an ephemeral port), serving a {@link
 * TestChain}. Tests make it lie ({@link #tamper}), fail ({@link #status}), hang ({@link #delayMs})
 * or go away ({@link #close}).
 */
final class FakeNode implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger reads = new AtomicInteger();
  final List<byte[]> posted = new CopyOnWriteArrayList<>();
  volatile TestChain chain;
  volatile UnaryOperator<Map<String, Object>> tamper = m -> m;
  volatile int status = 200;
  volatile long delayMs;

  FakeNode(TestChain chain) throws IOException {
    this.chain = chain;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try {
      String path = ex.getRequestURI().getPath().substring("/api/v1/".length());
      if (delayMs > 0) {
        Thread.sleep(delayMs);
      }
      if (status != 200) {
        send(ex, status, Map.of("status", (long) status, "code", "NODE_NOT_READY"));
        return;
      }
      if (ex.getRequestMethod().equals("POST") && path.equals("txs")) {
        posted.add(ex.getRequestBody().readAllBytes());
        send(ex, 202, Map.of("status", "PENDING", "hash", "00".repeat(32)));
        return;
      }
      String[] parts = path.split("/");
      Map<String, Object> body;
      if (parts.length == 1 && parts[0].equals("genesis")) {
        body = chain.genesisView();
      } else if (parts.length == 2 && parts[0].equals("accounts")) {
        reads.incrementAndGet();
        body = tamper.apply(chain.accountView(Address.fromHex(parts[1])));
      } else if (parts.length == 3 && parts[0].equals("kv")) {
        reads.incrementAndGet();
        body = tamper.apply(chain.kvView(parts[1], parts[2]));
      } else {
        send(ex, 404, Map.of("code", "NOT_FOUND"));
        return;
      }
      send(ex, 200, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ex.close();
    }
  }

  private static void send(HttpExchange ex, int status, Map<String, Object> body)
      throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
