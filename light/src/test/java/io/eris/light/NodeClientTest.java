package io.eris.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.eris.light.node.NodeClient;
import io.eris.light.node.NodeEndpoint;
import io.eris.light.node.NodeFailure;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP edge: size limits while reading, refused connections, statuses passed on. */
class NodeClientTest {
  private HttpServer server;
  private NodeEndpoint node;
  private final NodeClient client =
      new NodeClient(Duration.ofSeconds(5), Duration.ofSeconds(10), null);

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/big",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            byte[] chunk = new byte[8192];
            for (int i = 0; i < 256; i++) {
              out.write(chunk);
            }
          } catch (java.io.IOException e) {
            // the client hung up once it had enough
          }
        });
    server.createContext(
        "/api/v1/small",
        ex -> {
          byte[] b = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(418, b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
    node = NodeEndpoint.parse("http://127.0.0.1:" + server.getAddress().getPort(), 1);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aBodyOverTheLimitIsDroppedUnparsed() {
    assertThatThrownBy(() -> client.get(node, "big", 64 * 1024))
        .isInstanceOfSatisfying(
            NodeFailure.class, e -> assertThat(e.code()).isEqualTo(NodeFailure.Code.TOO_LARGE));
  }

  @Test
  void anAnswerWithinTheLimitIsPassedOnWithItsStatus() throws Exception {
    var r = client.get(node, "small", 1024);
    assertThat(r.status()).isEqualTo(418);
    assertThat(r.text()).isEqualTo("{\"ok\":true}");
    assertThat(r.contentType()).contains("application/json");
  }

  @Test
  void aRefusedConnectionIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    NodeEndpoint gone = NodeEndpoint.parse("http://127.0.0.1:" + port, 1);
    assertThatThrownBy(() -> client.get(gone, "head", 1024))
        .isInstanceOfSatisfying(
            NodeFailure.class, e -> assertThat(e.code()).isEqualTo(NodeFailure.Code.UNREACHABLE));
  }
}
