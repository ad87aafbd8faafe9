package io.eris.bench;

import io.eris.core.codec.Json;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges the step files into {@code results.json} (flat named numbers, null where not measured,
 * with the reason under {@code na}), draws the charts and prints the table.
 */
final class Report {
  static final double TARGET_TPS = 4_500;

  private Report() {}

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(Path f) throws IOException {
    if (!Files.exists(f)) {
      return null;
    }
    return (Map<String, Object>) Json.parse(Files.readString(f, StandardCharsets.UTF_8), 1 << 28);
  }

  static void write(Path dir, Args a) throws IOException {
    Map<String, Object> single = read(dir.resolve("phase-single.json"));
    Map<String, Object> cluster = read(dir.resolve("phase-cluster.json"));
    Map<String, Object> pg = read(dir.resolve("phase-pg.json"));
    Map<String, Object> limits = read(dir.resolve("limits.json"));
    Map<String, String> na = new LinkedHashMap<>();
    for (String s : a.all("na")) {
      int eq = s.indexOf('=');
      na.put(s.substring(0, eq), s.substring(eq + 1));
    }
    int tMs = a.integer("t-ms", 250);
    int nodes = a.integer("nodes", 4);

    Map<String, Object> r = new LinkedHashMap<>();
    r.put("timestamp", Instant.now().toString());
    r.put("machine", a.str("machine", Runtime.getRuntime().availableProcessors() + " cores"));
    r.put("t_ms", tMs);
    Double singleTps = num(single, "final_tps");
    Double clusterTps = num(cluster, "final_tps");
    Double pgTps = num(pg, "tps");
    r.put("cluster_final_tps", clusterTps);
    r.put("single_final_tps", singleTps);
    r.put("pg_baseline_tps", pgTps);
    r.put("cluster_ratio_to_pg", ratio(clusterTps, pgTps));
    r.put("single_ratio_to_pg", ratio(singleTps, pgTps));
    Map<String, Object> head = cluster != null ? cluster : single;
    String basis = cluster != null ? "cluster" : single != null ? "single" : null;
    r.put("headline_basis", basis);
    r.put("ratio_to_pg", ratio(num(head, "final_tps"), pgTps));
    r.put("p99_final_ms", num(head, "final_p99_ms"));
    r.put("p99_reject_ms", num(head, "reject_p99_ms"));
    for (String phase : List.of("single", "cluster")) {
      Map<String, Object> p = phase.equals("single") ? single : cluster;
      for (String k :
          List.of(
              "included_p50_ms",
              "included_p95_ms",
              "included_p99_ms",
              "final_p50_ms",
              "final_p95_ms",
              "final_p99_ms",
              "accept_p50_ms",
              "accept_p99_ms",
              "reject_p50_ms",
              "reject_p99_ms",
              "accepted_tps",
              "blocks_per_s")) {
        r.put(phase + "_" + k, num(p, k));
      }
      r.put(phase + "_lost_txs", num(p, "lost_txs"));
      r.put(phase + "_invalid_accepted", num(p, "invalid_accepted"));
      r.put(phase + "_rejected_valid", num(p, "rejected_valid"));
    }
    Map<String, Object> faults =
        cluster == null ? null : (Map<String, Object>) cluster.get("faults");
    r.put("failover_ms", num(sub(faults, "kill-leader"), "failover_ms"));
    r.put("fallback_ratio", num(sub(faults, "kill-standby"), "fallback_ratio"));
    Map<String, Object> catchup = sub(faults, "restart-leader");
    if (catchup != null && catchup.get("blocks_per_s") == null) {
      catchup = null;
    }
    if (catchup == null && faults != null) {
      for (Map.Entry<String, Object> e : faults.entrySet()) {
        if (e.getKey().startsWith("restart")
            && e.getValue() instanceof Map<?, ?> m
            && m.get("blocks_per_s") != null) {
          catchup = (Map<String, Object>) m;
        }
      }
    }
    r.put("catchup_blocks_per_s", num(catchup, "blocks_per_s"));
    r.put("catchup_txs_per_s", num(catchup, "txs_per_s"));
    Double production = num(faults, "normal_blocks_per_s");
    r.put("catchup_ratio_to_production", ratio(num(catchup, "blocks_per_s"), production));
    Double lostS = num(single, "lost_txs");
    Double lostC = num(cluster, "lost_txs");
    r.put(
        "lost_txs",
        lostS == null && lostC == null
            ? null
            : (lostS == null ? 0 : lostS) + (lostC == null ? 0 : lostC));
    Double verify = num(limits, "verify_per_s");
    r.put("verify_per_s", verify);
    r.put("verify_per_s_1_thread", num(limits, "verify_per_s_1_thread"));
    r.put("sign_per_s_1_thread", num(limits, "sign_per_s_1_thread"));
    r.put("nodes", nodes);
    r.put(
        "cluster_ratio_to_verify_limit", verify == null ? null : ratio(clusterTps, verify / nodes));
    r.put("single_ratio_to_verify_limit", verify == null ? null : ratio(singleTps, verify));
    for (String phase : List.of("single", "cluster")) {
      Map<String, Object> p = phase.equals("single") ? single : cluster;
      Map<String, Object> procs = p == null ? null : (Map<String, Object>) p.get("procs");
      if (procs == null) {
        continue;
      }
      for (Map.Entry<String, Object> e : procs.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> pm) {
          String key = phase + "_" + e.getKey().replaceAll("[^a-zA-Z0-9]", "_");
          r.put(key + "_rss_mb", num((Map<String, Object>) pm, "rss_mb_max"));
          r.put(key + "_cpu_s", num((Map<String, Object>) pm, "cpu_s"));
          r.put(key + "_cores", num((Map<String, Object>) pm, "cores"));
        }
      }
    }
    if (single == null) {
      na.putIfAbsent("single", "not run");
    }
    if (cluster == null) {
      na.putIfAbsent("cluster", "not run");
    }
    if (faults == null || r.get("failover_ms") == null) {
      na.putIfAbsent("failover_ms", why(sub(faults, "kill-leader"), na.get("cluster")));
    }
    if (faults == null || r.get("fallback_ratio") == null) {
      na.putIfAbsent("fallback_ratio", why(sub(faults, "kill-standby"), na.get("cluster")));
    }
    if (r.get("catchup_blocks_per_s") == null) {
      na.putIfAbsent("catchup_blocks_per_s", na.getOrDefault("cluster", "no restart measured"));
    }
    r.put("na", na);
    Files.writeString(dir.resolve("results.json"), Json.write(r));
    charts(dir, single, cluster, pg, tMs);
    table(r, single, cluster, pg, limits, na, dir);
  }

  private static String why(Map<String, Object> f, String fallback) {
    if (f != null && f.get("why") != null) {
      return String.valueOf(f.get("why"));
    }
    return fallback == null ? "not measured" : fallback;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sub(Map<String, Object> m, String k) {
    return m == null ? null : (Map<String, Object>) m.get(k);
  }

  static Double num(Map<String, Object> m, String k) {
    if (m == null) {
      return null;
    }
    Object v = m.get(k);
    return v instanceof Number n ? n.doubleValue() : null;
  }

  static Double ratio(Double a, Double b) {
    if (a == null || b == null || b == 0) {
      return null;
    }
    return ProcWatch.round(a / b, 3);
  }

  // ---------------------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private static void charts(
      Path dir,
      Map<String, Object> single,
      Map<String, Object> cluster,
      Map<String, Object> pg,
      int tMs)
      throws IOException {
    Double pgTps = num(pg, "tps");
    List<Charts.Panel> panels = new ArrayList<>();
    for (Map<String, Object> p : new Map[] {single, cluster}) {
      if (p == null) {
        continue;
      }
      String label = (String) p.get("label");
      Map<String, Object> series = (Map<String, Object>) p.get("series");
      Charts.Panel panel =
          new Charts.Panel(
              (label.equals("single") ? "Single node" : "Cluster")
                  + String.format(
                      Locale.ROOT,
                      " — txs/s over time (T = %d ms, %s clients; FINAL %s tx/s sustained)",
                      tMs,
                      p.get("clients"),
                      fmt(num(p, "final_tps"), 0)),
              "seconds since the load started",
              "txs per second",
              false);
      panel.series.add(
          line("accepted (202)", (List<Object>) series.get("accepted"), Charts.PALETTE[1], true));
      panel.series.add(line("FINAL", (List<Object>) series.get("final"), Charts.PALETTE[0], false));
      // The scale follows the product's own rates; reference lines far above them are named
      // in a note instead of squashing the curves flat.
      double dataMax = 0;
      for (String k : List.of("accepted", "final")) {
        for (Object v : (List<Object>) series.get(k)) {
          dataMax = Math.max(dataMax, ((Number) v).doubleValue());
        }
      }
      double limit = 3 * Math.max(dataMax, 1);
      List<String> off = new ArrayList<>();
      if (pgTps != null) {
        String l = "PostgreSQL baseline " + fmt(pgTps, 0) + " tx/s";
        if (pgTps <= limit) {
          panel.hlines.add(new Charts.HLine(pgTps, l, Charts.PALETTE[2]));
        } else {
          off.add(l);
        }
      }
      if (TARGET_TPS <= limit) {
        panel.hlines.add(new Charts.HLine(TARGET_TPS, "target 4,500 tx/s", Charts.PALETTE[5]));
      } else {
        off.add("target 4,500 tx/s");
      }
      if (!off.isEmpty()) {
        panel.note = "above this scale: " + String.join(", ", off);
      }
      for (Object o : (List<Object>) p.get("marks")) {
        Map<String, Object> mk = (Map<String, Object>) o;
        String l = (String) mk.get("label");
        if (!l.equals("start")) {
          panel.markers.add(new Charts.Marker(((Number) mk.get("t")).doubleValue(), l));
        }
      }
      panel.xMin = 0;
      panels.add(panel);
    }
    if (!panels.isEmpty()) {
      Charts.write(dir.resolve("throughput.png"), 1100, 380, panels);
    }

    Charts.Panel lat =
        new Charts.Panel(
            "Latency from submit to INCLUDED and FINAL (cumulative distribution)",
            "milliseconds (log scale)",
            "fraction of txs",
            true);
    lat.yMax = 1.0;
    lat.legendBottomRight = true;
    Charts.Panel ans =
        new Charts.Panel(
            "Immediate answers: 202 accepted, 422 REJECTED (invalid txs), and a PostgreSQL commit",
            "milliseconds (log scale)",
            "fraction of requests",
            true);
    ans.yMax = 1.0;
    ans.legendBottomRight = true;
    int c = 0;
    for (Map<String, Object> p : new Map[] {single, cluster}) {
      if (p == null) {
        continue;
      }
      String label = (String) p.get("label");
      Map<String, Object> cdf = (Map<String, Object>) p.get("cdf");
      lat.series.add(
          cdfLine(
              label + " FINAL (p99 " + fmt(num(p, "final_p99_ms"), 0) + " ms)",
              (List<Object>) cdf.get("final"),
              Charts.PALETTE[c * 2],
              false));
      lat.series.add(
          cdfLine(
              label + " INCLUDED (p99 " + fmt(num(p, "included_p99_ms"), 0) + " ms)",
              (List<Object>) cdf.get("included"),
              Charts.PALETTE[c * 2 + 1],
              true));
      ans.series.add(
          cdfLine(
              label + " accepted (p99 " + fmt(num(p, "accept_p99_ms"), 1) + " ms)",
              (List<Object>) cdf.get("accept"),
              Charts.PALETTE[c * 2],
              true));
      ans.series.add(
          cdfLine(
              label + " REJECTED (p99 " + fmt(num(p, "reject_p99_ms"), 1) + " ms)",
              (List<Object>) cdf.get("reject"),
              Charts.PALETTE[c * 2 + 1],
              false));
      c++;
    }
    if (pg != null) {
      ans.series.add(
          cdfLine(
              "PostgreSQL INSERT+commit (p99 " + fmt(num(pg, "p99_ms"), 1) + " ms)",
              (List<Object>) pg.get("cdf"),
              Charts.PALETTE[4],
              false));
    }
    if (!lat.series.isEmpty() || !ans.series.isEmpty()) {
      Charts.write(dir.resolve("latency.png"), 1100, 400, List.of(lat, ans));
    }
  }

  private static Charts.Series line(
      String label, List<Object> values, Color color, boolean dashed) {
    int n = values == null ? 0 : values.size();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 0.5;
      y[i] = ((Number) values.get(i)).doubleValue();
    }
    return new Charts.Series(label, x, y, color, dashed);
  }

  private static Charts.Series cdfLine(
      String label, List<Object> pts, Color color, boolean dashed) {
    int n = pts == null ? 0 : pts.size();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      List<?> p = (List<?>) pts.get(i);
      x[i] = Math.max(0.01, ((Number) p.get(0)).doubleValue());
      y[i] = ((Number) p.get(1)).doubleValue();
    }
    return new Charts.Series(label, x, y, color, dashed);
  }

  // ---------------------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private static void table(
      Map<String, Object> r,
      Map<String, Object> single,
      Map<String, Object> cluster,
      Map<String, Object> pg,
      Map<String, Object> limits,
      Map<String, String> na,
      Path dir) {
    List<String[]> rows = new ArrayList<>();
    String naCluster = cluster == null ? "n/a" : null;
    rows.add(new String[] {"metric", "single node", "cluster", "target", "verdict"});
    Double ct = num(cluster, "final_tps");
    Double st = num(single, "final_tps");
    rows.add(
        row("load; node settings", settings(single), or(settings(cluster), naCluster), "", ""));
    rows.add(
        row(
            "txs/s reaching FINAL (sustained)",
            fmt(st, 0),
            or(fmt(ct, 0), naCluster),
            "≥ 4,500 (cluster)",
            verdict(ct != null ? ct : null, 4500, true)));
    rows.add(
        row(
            "PostgreSQL baseline, txs/s",
            fmt(num(pg, "tps"), 0) + " (" + (pg == null ? "-" : pg.get("clients")) + " clients)",
            "",
            "",
            ""));
    rows.add(
        row(
            "ratio product ÷ PostgreSQL",
            fmt(num(r, "single_ratio_to_pg"), 2) + "×",
            or(fmt(num(r, "cluster_ratio_to_pg"), 2) + "×", naCluster),
            "≥ 1.0×",
            verdict(num(r, "ratio_to_pg"), 1.0, true)));
    rows.add(
        row(
            "submit→INCLUDED p50 / p95 / p99 ms",
            triple(single, "included"),
            or(triple(cluster, "included"), naCluster),
            "",
            ""));
    rows.add(
        row(
            "submit→FINAL p50 / p95 / p99 ms",
            triple(single, "final"),
            or(triple(cluster, "final"), naCluster),
            "p99 ≤ 600 at T=250",
            verdict(num(r, "p99_final_ms"), 600, false)));
    rows.add(
        row(
            "REJECTED answer p50 / p99 ms",
            pair(single, "reject"),
            or(pair(cluster, "reject"), naCluster),
            "p99 ≤ 5",
            verdict(num(r, "p99_reject_ms"), 5, false)));
    rows.add(
        row(
            "accepted (202) answer p50 / p99 ms",
            pair(single, "accept"),
            or(pair(cluster, "accept"), naCluster),
            "",
            ""));
    rows.add(
        row(
            "failover to standby ms (kill -9 leader)",
            "—",
            naOr(num(r, "failover_ms"), 0, na.get("failover_ms")),
            "≤ 3T = " + 3 * ((Number) r.get("t_ms")).intValue(),
            verdict(num(r, "failover_ms"), 3.0 * ((Number) r.get("t_ms")).intValue(), false)));
    rows.add(
        row(
            "POW fallback throughput ÷ normal",
            "—",
            naOr(num(r, "fallback_ratio"), 2, na.get("fallback_ratio")),
            "≥ 0.33",
            verdict(num(r, "fallback_ratio"), 1.0 / 3, true)));
    rows.add(
        row(
            "catch-up after restart, blocks/s (txs/s)",
            "—",
            r.get("catchup_blocks_per_s") == null
                ? "n/a (" + na.getOrDefault("catchup_blocks_per_s", "") + ")"
                : fmt(num(r, "catchup_blocks_per_s"), 1)
                    + " ("
                    + fmt(num(r, "catchup_txs_per_s"), 0)
                    + ")",
            "≥ 10× production",
            verdict(num(r, "catchup_ratio_to_production"), 10, true)));
    rows.add(
        row(
            "lost txs (PENDING never settled)",
            fmt(num(single, "lost_txs"), 0),
            or(fmt(num(cluster, "lost_txs"), 0), naCluster),
            "0",
            verdict(num(r, "lost_txs") == null ? null : -num(r, "lost_txs"), 0, true)));
    rows.add(
        row(
            "invalid txs accepted / valid txs rejected",
            fmt(num(single, "invalid_accepted"), 0) + " / " + fmt(num(single, "rejected_valid"), 0),
            or(
                fmt(num(cluster, "invalid_accepted"), 0)
                    + " / "
                    + fmt(num(cluster, "rejected_valid"), 0),
                naCluster),
            "0 / 0",
            ""));
    rows.add(
        row(
            "Ed25519 verify/s (BC), 1 thread / all",
            fmt(num(limits, "verify_per_s_1_thread"), 0)
                + " / "
                + fmt(num(limits, "verify_per_s"), 0),
            "",
            "",
            ""));
    rows.add(
        row(
            "FINAL tx/s ÷ (verify/s ÷ nodes)",
            fmt(num(r, "single_ratio_to_verify_limit"), 3) + " (1 node)",
            or(
                fmt(num(r, "cluster_ratio_to_verify_limit"), 3) + " (" + r.get("nodes") + " nodes)",
                naCluster),
            "",
            ""));
    List<String> resources = new ArrayList<>();
    for (Map<String, Object> p : new Map[] {single, cluster}) {
      if (p == null) {
        continue;
      }
      Map<String, Object> procs = (Map<String, Object>) p.get("procs");
      StringBuilder mem = new StringBuilder();
      StringBuilder cpu = new StringBuilder();
      StringBuilder threads = new StringBuilder();
      for (Map.Entry<String, Object> e : procs.entrySet()) {
        if (!(e.getValue() instanceof Map<?, ?> pm) || e.getKey().equals("machine")) {
          continue;
        }
        Map<String, Object> m = (Map<String, Object>) pm;
        String sep = mem.length() == 0 ? "" : ", ";
        mem.append(sep)
            .append(e.getKey())
            .append(' ')
            .append(fmt(num(m, "rss_mb_max"), 0))
            .append(" MB");
        cpu.append(sep)
            .append(e.getKey())
            .append(' ')
            .append(fmt(num(m, "cpu_s"), 0))
            .append(" s (")
            .append(fmt(num(m, "cores"), 2))
            .append(')');
        if (m.get("cpu_s_by_thread") instanceof Map<?, ?> byThread
            && e.getKey().startsWith("node")) {
          StringBuilder t = new StringBuilder();
          int k = 0;
          for (Map.Entry<?, ?> te : byThread.entrySet()) {
            if (k++ == 5) {
              break;
            }
            t.append(t.length() == 0 ? "" : ", ")
                .append(te.getKey())
                .append(' ')
                .append(te.getValue())
                .append(" s");
          }
          threads.append("\n      ").append(e.getKey()).append(": ").append(t);
        }
      }
      Map<String, Object> machine = (Map<String, Object>) procs.get("machine");
      String which = p == single ? "single node" : "cluster";
      resources.add(
          String.format(
              Locale.ROOT,
              "  %s, over its %s s of measured load:%n    memory (RSS; postgres: PSS of all its processes): %s%n"
                  + "    CPU seconds (cores): %s%n    machine: %s of %s cores busy, %s of them by other work on the machine"
                  + " (load average %s)%n    node CPU by thread:%s",
              which,
              fmt(num(procs, "wall_s"), 0),
              mem,
              cpu,
              fmt(num(machine, "cores"), 2),
              machine == null ? "?" : machine.get("cpus"),
              fmt(num(machine, "other_cores"), 2),
              machine == null ? "?" : machine.get("loadavg_end"),
              threads));
    }
    StringBuilder out = new StringBuilder();
    int[] w = new int[5];
    for (String[] row : rows) {
      for (int i = 0; i < 5; i++) {
        w[i] = Math.max(w[i], Math.min(row[i].length(), i == 1 ? 200 : 60));
      }
    }
    out.append('\n')
        .append("Eris bench — ")
        .append(r.get("machine"))
        .append(", T = ")
        .append(r.get("t_ms"))
        .append(" ms\n");
    for (int j = 0; j < rows.size(); j++) {
      String[] row = rows.get(j);
      out.append(
          String.format(
              Locale.ROOT,
              "%-" + w[0] + "s | %-" + w[1] + "s | %-" + w[2] + "s | %-" + w[3] + "s | %s%n",
              (Object[]) row));
      if (j == 0) {
        out.append("-".repeat(w[0] + w[1] + w[2] + w[3] + w[4] + 13)).append('\n');
      }
    }
    if (!resources.isEmpty()) {
      out.append("resources:\n");
      resources.forEach(line -> out.append(line).append('\n'));
    }
    if (!na.isEmpty()) {
      out.append("n/a:\n");
      na.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
    }
    out.append("results: ")
        .append(dir.resolve("results.json"))
        .append("; charts: ")
        .append(dir.resolve("throughput.png"))
        .append(", ")
        .append(dir.resolve("latency.png"))
        .append('\n');
    try {
      Files.writeString(dir.resolve("table.txt"), out.toString());
    } catch (IOException e) {
      // the table is printed anyway
    }
    System.out.print(out);
  }

  private static String[] row(String a, String b, String c, String d, String e) {
    return new String[] {a, b, c, d, e};
  }

  private static String or(String v, String dflt) {
    return dflt != null ? dflt : v;
  }

  private static String naOr(Double v, int digits, String why) {
    return v == null ? "n/a" + (why == null ? "" : " (" + why + ")") : fmt(v, digits);
  }

  @SuppressWarnings("unchecked")
  private static String settings(Map<String, Object> p) {
    if (p == null) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    b.append(
            p.get("offered_rate") != null
                ? "open loop " + p.get("offered_rate") + " tx/s, "
                : "closed loop, ")
        .append(p.get("clients"))
        .append(" clients, ")
        .append(p.get("accounts"))
        .append(" accounts, ")
        .append(fmt(num(p, "warmup_s"), 0))
        .append(" s warm-up + ")
        .append(fmt(num(p, "duration_s"), 0))
        .append(" s measured");
    Object st = p.get("settings");
    if (st instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).forEach((k, v) -> b.append(", ").append(k).append(' ').append(v));
    }
    return b.toString();
  }

  private static String triple(Map<String, Object> p, String k) {
    if (p == null) {
      return "-";
    }
    return fmt(num(p, k + "_p50_ms"), 0)
        + " / "
        + fmt(num(p, k + "_p95_ms"), 0)
        + " / "
        + fmt(num(p, k + "_p99_ms"), 0);
  }

  private static String pair(Map<String, Object> p, String k) {
    if (p == null) {
      return "-";
    }
    return fmt(num(p, k + "_p50_ms"), 1) + " / " + fmt(num(p, k + "_p99_ms"), 1);
  }

  private static String verdict(Double v, double target, boolean atLeast) {
    if (v == null) {
      return "n/a";
    }
    boolean ok = atLeast ? v >= target : v <= target;
    return ok ? "met" : "NOT met";
  }

  static String fmt(Double v, int digits) {
    if (v == null || v.isNaN()) {
      return "-";
    }
    if (digits == 0) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%,." + digits + "f", v);
  }
}
