package io.eris.bench;

import io.eris.core.codec.Json;
import io.eris.core.crypto.Ed25519;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyFile;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.PublicKey;
import io.eris.core.ledger.PowTargets;
import io.eris.core.model.Genesis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The load generator and report writer behind {@code ./eris bench}, in its own JVM. Each step is a
 * sub-command writing one JSON file under the output directory; {@code report} merges them into
 * {@code results.json}, draws the charts and prints the table.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] argv) throws Exception {
    System.setProperty("java.awt.headless", "true");
    if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
      usage();
      return;
    }
    Args a = new Args(argv, 1);
    try {
      switch (argv[0]) {
        case "genesis" -> genesis(a);
        case "load" -> load(a);
        case "baseline" -> baseline(a);
        case "limits" -> limits(a);
        case "report" -> Report.write(Path.of(a.str("out", "target/bench")), a);
        case "jfr-top" ->
            JfrTop.print(Path.of(a.positional.get(0)), a.integer("top", 25), a.str("thread", null));
        default -> {
          usage();
          System.exit(2);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("eris-bench: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void usage() {
    System.out.println(
        """
        eris-bench (run by ./eris bench; see ops/bench.sh)
          genesis  --dir D --seed S --accounts N --t-ms T [--validators K] [--timestamp MS]
                   [--shared-leader]
                   keys (leader = validator-1, or with --shared-leader a leader.key without
                   stake that a leader and its standby share) and a genesis opening N
                   accounts derived from S
          load     --label L --urls U[,U...] [--submit-urls U,...] --seed S --accounts N
                   (--clients C | --rate R [--clients C]) --duration S [--warmup S] [--drain S]
                   [--invalid-every K] [--t-ms T] [--proc NAME=PIDFILE]... [--hook CMD]
                   [--fault AT_S:ACTION]... --out DIR        -> DIR/phase-L.json
          baseline --clients C --duration S --seed S --accounts N [--db-host H] [--db-port P]
                   [--db-user U] [--db-name NAME] --out DIR   -> DIR/phase-pg.json
          limits   --seed S --out DIR [--seconds S]           -> DIR/limits.json
          report   --out DIR [--t-ms T] [--nodes K] [--machine TEXT]
                   -> DIR/results.json, DIR/throughput.png, DIR/latency.png, the table
          jfr-top  FILE.jfr [--top N] [--thread PREFIX]   hottest methods of a flight recording""");
  }

  // ---------------------------------------------------------------------------------------------

  private static void genesis(Args a) throws IOException {
    Genesis g =
        writeGenesis(
            Path.of(a.required("dir")),
            a.required("seed"),
            a.integer("accounts", 2000),
            a.integer("t-ms", 250),
            a.integer("validators", 1),
            a.flag("shared-leader"),
            Long.parseLong(a.str("timestamp", String.valueOf(System.currentTimeMillis()))));
    System.out.println(g.chainId().toHex());
  }

  /**
   * Writes the keys ({@code validator-i.key}; with {@code sharedLeader} also {@code leader.key} and
   * {@code standby.key}), {@code genesis.json} and {@code genesis.json.hash} into {@code dir}. Keys
   * already there are kept.
   */
  static Genesis writeGenesis(
      Path dir, String seed, int n, int t, int validators, boolean sharedLeader, long timestamp)
      throws IOException {
    Files.createDirectories(dir);
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 1; i <= validators; i++) {
      Path f = dir.resolve("validator-" + i + ".key");
      if (!Files.exists(f)) {
        KeyFile.write(f, Ed25519.generate());
      }
      keys.add(KeyFile.read(f).publicKey());
    }
    // --shared-leader: a leader key of its own (leader.key), held by the leader node and its hot
    // standby (standby.key is the standby's node key), with no stake; else validator-1 leads.
    PublicKey leader = keys.get(0);
    if (sharedLeader) {
      for (String name : List.of("leader.key", "standby.key")) {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
          KeyFile.write(f, Ed25519.generate());
        }
      }
      leader = KeyFile.read(dir.resolve("leader.key")).publicKey();
    }
    List<Genesis.Validator> vs = new ArrayList<>();
    for (PublicKey k : keys) {
      vs.add(new Genesis.Validator(k, 100, List.of("validator")));
    }
    vs.sort((x, y) -> x.key().compareTo(y.key()));
    List<Genesis.Account> accounts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      accounts.add(
          new Genesis.Account(
              Accounts.key(seed, i).publicKey(), 1_000_000_000L, List.of("writer:shared")));
    }
    accounts.sort((x, y) -> x.key().compareTo(y.key()));
    List<PublicKey> gov = new ArrayList<>(new TreeSet<>(keys));
    int powMs = 4 * t;
    Genesis g =
        new Genesis(
            "eris-bench",
            timestamp,
            t,
            Math.max(8 * t, 2000),
            leader,
            vs,
            accounts,
            gov,
            gov.size() / 2 + 1,
            Genesis.POW_SHA256D,
            PowTargets.forHashRate(2_000_000L, powMs),
            powMs,
            2,
            3,
            100,
            5000);
    Path file = dir.resolve("genesis.json");
    Files.writeString(file, g.toJson(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("genesis.json.hash"), g.chainId().toHex() + "\n");
    return g;
  }

  // ---------------------------------------------------------------------------------------------

  private static void load(Args a) throws Exception {
    LoadPhase.Settings s = new LoadPhase.Settings();
    s.label = a.str("label", "single");
    s.urls = a.list("urls");
    if (s.urls.isEmpty()) {
      throw new IllegalArgumentException("--urls is required");
    }
    s.submitUrls = a.list("submit-urls");
    s.clients = a.integer("clients", 16);
    s.rate = a.number("rate", 0);
    s.durationS = a.number("duration", 60);
    s.warmupS = a.number("warmup", 20);
    s.drainS = a.number("drain", 30);
    s.invalidEvery = a.integer("invalid-every", 50);
    s.tMs = a.integer("t-ms", 250);
    s.hook = a.str("hook", null);
    s.procSpecs = a.all("proc");
    for (String f : a.all("fault")) {
      int colon = f.indexOf(':');
      s.faults.add(
          new LoadPhase.Fault(Double.parseDouble(f.substring(0, colon)), f.substring(colon + 1)));
    }
    String seed = a.required("seed");
    Accounts accounts = new Accounts(seed, a.integer("accounts", 2000));
    Hash chainId = chainIdOf(s.urls, accounts);
    Map<String, Object> m = new LoadPhase(s, accounts, chainId).run();
    Map<String, Object> settings = new LinkedHashMap<>();
    for (String kv : a.all("setting")) {
      int eq = kv.indexOf('=');
      settings.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    m.put("settings", settings);
    Path out = Path.of(a.str("out", "target/bench"));
    Files.createDirectories(out);
    Files.writeString(out.resolve("phase-" + s.label + ".json"), Json.write(m));
    System.out.printf(
        Locale.ROOT,
        "[%s] FINAL %s tx/s sustained; p99 to FINAL %s ms; p99 REJECTED %s ms; lost %s%n",
        s.label,
        m.get("final_tps"),
        m.get("final_p99_ms"),
        m.get("reject_p99_ms"),
        m.get("lost_txs"));
  }

  /** The chain id from the node's genesis, after checking the genesis opens the bench accounts. */
  @SuppressWarnings("unchecked")
  private static Hash chainIdOf(List<String> urls, Accounts accounts) throws IOException {
    IOException last = null;
    for (String u : urls) {
      HttpConn c = new HttpConn(u, 10_000);
      try {
        HttpConn.Response r = c.get("/api/v1/genesis");
        if (r.status() != 200) {
          last = new IOException(u + "/api/v1/genesis: HTTP " + r.status() + " " + r.text());
          continue;
        }
        Map<String, Object> g = (Map<String, Object>) Json.parse(r.text(), 1 << 26);
        String want = accounts.get(0).key.publicKey().toHex();
        boolean listed = false;
        for (Object acc : (List<Object>) g.getOrDefault("accounts", List.of())) {
          if (acc instanceof Map<?, ?> am && want.equals(am.get("publicKey"))) {
            listed = true;
          }
        }
        if (!listed) {
          throw new IllegalArgumentException(
              "the node's genesis does not open the bench accounts (seed mismatch?): " + u);
        }
        return Hash.fromHex((String) g.get("chainId"));
      } catch (IOException e) {
        last = e;
      } finally {
        c.close();
      }
    }
    throw last == null ? new IOException("no node answered") : last;
  }

  // ---------------------------------------------------------------------------------------------

  private static void baseline(Args a) throws Exception {
    int clients = a.integer("clients", 16);
    double duration = a.number("duration", 20);
    Accounts accounts = new Accounts(a.required("seed") + "-pg", a.integer("accounts", 2000));
    PgBaseline pg =
        new PgBaseline(
            a.str("db-host", "127.0.0.1"),
            a.integer("db-port", 5432),
            a.str("db-user", "postgres"),
            System.getenv("ERIS_BENCH_PG_PASSWORD"),
            a.str("db-name", "eris_bench_baseline"));
    System.out.printf(
        Locale.ROOT,
        "[pg] baseline: %d clients, one INSERT + durable commit per tx, %.0f s%n",
        clients,
        duration);
    ProcWatch procs = new ProcWatch(List.of("postgres=*"));
    procs.start();
    PgBaseline.Result r =
        pg.run(
            clients, duration, accounts, Hash.sha256("baseline".getBytes(StandardCharsets.UTF_8)));
    procs.stop();
    Map<String, Object> m = PgBaseline.toJson(r);
    m.put("procs", procs.summary());
    List<Long> series = new ArrayList<>();
    for (long v : r.series().toArray(r.series().length())) {
      series.add(v);
    }
    m.put("series", series);
    List<Object> cdf = new ArrayList<>();
    for (double[] p : r.latency().cdf(400)) {
      cdf.add(List.of(ProcWatch.round(p[0], 3), ProcWatch.round(p[1], 5)));
    }
    m.put("cdf", cdf);
    Path out = Path.of(a.str("out", "target/bench"));
    Files.createDirectories(out);
    Files.writeString(out.resolve("phase-pg.json"), Json.write(m));
    System.out.printf(
        Locale.ROOT,
        "[pg] %.0f tx/s (p50 %.2f ms, p99 %.2f ms per commit; synchronous_commit=%s)%n",
        r.tps(),
        r.latency().percentileMs(0.5),
        r.latency().percentileMs(0.99),
        r.synchronousCommit());
  }

  private static void limits(Args a) throws Exception {
    double secs = a.number("seconds", 3);
    Accounts accounts = new Accounts(a.str("seed", "limits"), 256);
    VerifyLimit v =
        new VerifyLimit(accounts, Hash.sha256("limits".getBytes(StandardCharsets.UTF_8)));
    int cpus = Runtime.getRuntime().availableProcessors();
    double one = v.measure(1, 1.5, secs);
    double all = v.measure(cpus, 1.0, secs);
    KeyPair k = accounts.get(0).key;
    byte[] msg = new byte[150];
    long t0 = System.nanoTime();
    int signs = 0;
    while (System.nanoTime() - t0 < 1_000_000_000L) {
      k.sign(msg);
      signs++;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", cpus);
    m.put("verify_per_s_1_thread", ProcWatch.round(one, 0));
    m.put("verify_per_s_" + cpus + "_threads", ProcWatch.round(all, 0));
    m.put("verify_per_s", ProcWatch.round(all, 0));
    m.put("sign_per_s_1_thread", signs);
    Path out = Path.of(a.str("out", "target/bench"));
    Files.createDirectories(out);
    Files.writeString(out.resolve("limits.json"), Json.write(m));
    System.out.printf(
        Locale.ROOT,
        "[limits] Ed25519 (Bouncy Castle) verify: %.0f/s on 1 thread, %.0f/s on %d threads;"
            + " sign %d/s on 1 thread%n",
        one,
        all,
        cpus,
        signs);
  }
}
