package io.eris.bench;

import io.eris.core.codec.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test's handle on a local cluster: runs {@code ops/cluster.sh} with the test's own directory,
 * ports and database names (so a user's {@code ./eris cluster} is never touched), and reads the
 * nodes' REST API. Script output goes to {@code target/cluster-it.log}, lines also to stdout.
 */
final class ClusterControl {
  static final List<String> NODES = List.of("n1", "n2", "n3", "n4");

  private final Path root;
  private final Path dir;
  private final int portBase;
  private final int brokerPort;
  private final String dbPrefix;
  private final Path log;
  private final List<Process> background = new ArrayList<>();

  private ClusterControl(
      Path root, Path dir, int portBase, int brokerPort, String dbPrefix, Path log) {
    this.root = root;
    this.dir = dir;
    this.portBase = portBase;
    this.brokerPort = brokerPort;
    this.dbPrefix = dbPrefix;
    this.log = log;
  }

  /**
   * From system properties (the Maven profile sets them): {@code eris.root} (the repository),
   * {@code eris.cluster.dir}, {@code eris.cluster.portbase}, {@code eris.cluster.brokerPort},
   * {@code eris.cluster.dbPrefix}.
   */
  static ClusterControl fromSystemProperties() throws IOException {
    Path module = Path.of("").toAbsolutePath();
    Path root = Path.of(System.getProperty("eris.root", module.getParent().toString()));
    if (!Files.isRegularFile(root.resolve("ops/cluster.sh"))) {
      throw new IllegalStateException("no ops/cluster.sh under " + root + " (set -Deris.root)");
    }
    Path dir =
        Path.of(
            System.getProperty("eris.cluster.dir", root.resolve(".eris/cluster-it").toString()));
    Files.createDirectories(dir);
    Path log = module.resolve("target/cluster-it.log");
    Files.createDirectories(log.getParent());
    return new ClusterControl(
        root,
        dir,
        Integer.getInteger("eris.cluster.portbase", 29000),
        Integer.getInteger("eris.cluster.brokerPort", 61676),
        System.getProperty("eris.cluster.dbPrefix", "eris_cit"),
        log);
  }

  Path dir() {
    return dir;
  }

  Path reportFile() {
    return log.getParent().resolve("cluster-faults.json");
  }

  String url(String node) {
    int i = Integer.parseInt(node.substring(1));
    return "http://127.0.0.1:" + (portBase + 100 * i + 80);
  }

  /** Runs {@code ops/cluster.sh ARGS}; fails unless it exits 0 within {@code timeoutS}. */
  void run(int timeoutS, String... args) throws IOException, InterruptedException {
    Process p = start(args);
    if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "ops/cluster.sh " + String.join(" ", args) + ": over " + timeoutS + " s");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(
          "ops/cluster.sh "
              + String.join(" ", args)
              + " failed (exit "
              + p.exitValue()
              + "), see "
              + log);
    }
  }

  void runInBackground(String... args) throws IOException {
    synchronized (background) {
      background.add(start(args));
    }
  }

  /** Waits for the background commands; fails if one failed. */
  void awaitBackground(int timeoutS) throws InterruptedException {
    List<Process> ps;
    synchronized (background) {
      ps = new ArrayList<>(background);
      background.clear();
    }
    for (Process p : ps) {
      if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("a background ops/cluster.sh command ran over " + timeoutS + " s");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("a background ops/cluster.sh command failed, see " + log);
      }
    }
  }

  private Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("ops/cluster.sh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("ERIS_CLUSTER_DIR", dir.toString());
    env.put("ERIS_CLUSTER_PORTBASE", String.valueOf(portBase));
    env.put("ERIS_CLUSTER_BROKER_PORT", String.valueOf(brokerPort));
    env.put("ERIS_CLUSTER_DB_PREFIX", dbPrefix);
    env.put("ERIS_SKIP_BUILD", "1");
    Process p = pb.start();
    String label = String.join(" ", args);
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                  PrintStream out =
                      new PrintStream(
                          Files.newOutputStream(
                              log, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                          true,
                          StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                  out.println("[" + label + "] " + line);
                  System.out.println("[cluster.sh " + label + "] " + line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "cluster-sh-" + label);
    pump.setDaemon(true);
    pump.start();
    return p;
  }

  /** {@code GET /api/v1/head} of a node, or null when it does not answer 200. */
  Map<String, Object> head(String node) {
    return getJson(node, "/api/v1/head");
  }

  Map<String, Object> block(String node, long height) {
    return getJson(node, "/api/v1/blocks/" + height);
  }

  /** The node's Prometheus text at {@code /metrics}, or "" when it does not answer. */
  String metrics(String node) {
    try (HttpConn c = new HttpConn(url(node), 5_000)) {
      HttpConn.Response r = c.get("/metrics", "text/plain");
      return r.status() == 200 ? r.text() : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> getJson(String node, String path) {
    try (HttpConn c = new HttpConn(url(node), 5_000)) {
      HttpConn.Response r = c.get(path);
      if (r.status() != 200) {
        return null;
      }
      return (Map<String, Object>) Json.parse(r.text(), 16 << 20);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
