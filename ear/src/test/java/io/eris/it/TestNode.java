package io.eris.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * The test node as the integration tests see it from outside: its HTTP API, its database, its
 * Payara domain (asadmin) and its log. Settings are system properties written by ops/test-env.sh
 * into target/it.properties.
 */
final class TestNode {
  static final String APP_NAME = "eris";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private TestNode() {}

  static String setting(String name) {
    String v = System.getProperty("eris.it." + name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          "system property eris.it."
              + name
              + " is not set: run the integration tests through `mvn verify` or `./eris test`"
              + " (ops/test-env.sh writes them to ear/target/it.properties)");
    }
    return v;
  }

  /** The real EAR, as built by this module ({@code target/eris.ear}). */
  static EnterpriseArchive ear() {
    File file = new File(setting("ear"));
    if (!file.isFile()) {
      throw new IllegalStateException(file + " is missing: build it with mvn package");
    }
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, file);
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + setting("httpPort") + path);
  }

  /** A GET answered by the node: status and body. */
  record Answer(int status, String body) {
    JsonObject json() {
      try (JsonReader r = Json.createReader(new StringReader(body))) {
        return r.readObject();
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  static Answer get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  /** GET, or null while the node does not answer at all (restarting, not deployed). */
  static Answer tryGet(String path) {
    try {
      return get(path);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonObject head() throws IOException, InterruptedException {
    Answer a = get("/api/v1/head");
    if (a.status() != 200) {
      throw new AssertionError("GET /api/v1/head: " + a);
    }
    return a.json();
  }

  static long height() throws IOException, InterruptedException {
    return head().getJsonNumber("height").longValue();
  }

  static Connection database() throws SQLException {
    return DriverManager.getConnection(
        setting("db.url"), setting("db.user"), System.getProperty("eris.it.db.password", ""));
  }

  static Path serverLog() {
    return Path.of(setting("domainDir"), "logs", "server.log");
  }

  /** The server log from byte offset {@code from} on ("" if it was rotated meanwhile). */
  static String serverLogSince(long from) throws IOException {
    Path log = serverLog();
    byte[] all = Files.readAllBytes(log);
    if (all.length < from) {
      return "";
    }
    return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
  }

  static long serverLogSize() throws IOException {
    return Files.size(serverLog());
  }

  /** Runs asadmin against the test domain; returns its output, throws if it fails. */
  static String asadmin(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(setting("payaraHome"), "bin", "asadmin").toString());
    cmd.add("--interactive=false");
    cmd.add("--host");
    cmd.add("127.0.0.1");
    cmd.add("--port");
    cmd.add(setting("adminPort"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Process p = pb.start();
    String out;
    try {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      p.destroyForcibly();
      throw new UncheckedIOException(e);
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("asadmin " + String.join(" ", args) + " did not finish");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("asadmin " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  /** Escapes a value for an asadmin property list (name=value:name=value). */
  static String asadminValue(String v) {
    return v.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
  }
}
