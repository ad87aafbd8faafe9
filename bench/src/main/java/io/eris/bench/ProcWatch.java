package io.eris.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Memory and CPU of the processes under test, from /proc: resident set (VmRSS) and CPU time (utime
 * + stime) of each named process, sampled every second. A process is named by a pid file that is
 * read again at every sample, so a node that is killed and restarted is followed to its new pid
 * (its CPU adds up over both lives). {@code postgres} sums every process of that name, and {@code
 * machine} is the whole machine from /proc/stat.
 */
final class ProcWatch implements Runnable {
  static final double TICKS_PER_S = 100.0; // USER_HZ on Linux

  static final class Proc {
    final String name;
    final String pidFile; // null: all processes whose comm is the name
    final Map<Long, Long> ticksByPid = new LinkedHashMap<>();
    final Map<Long, Long> startTicksByPid = new LinkedHashMap<>();
    long rssKbMax;
    long rssKbLast;

    /** Per thread (tid): {first ticks, last ticks}, and its name, for the CPU split by thread. */
    final Map<Long, long[]> threadTicks = new LinkedHashMap<>();

    final Map<Long, String> threadNames = new LinkedHashMap<>();

    Proc(String name, String pidFile) {
      this.name = name;
      this.pidFile = pidFile;
    }

    double cpuSeconds() {
      long sum = 0;
      for (Map.Entry<Long, Long> e : ticksByPid.entrySet()) {
        sum += e.getValue() - startTicksByPid.getOrDefault(e.getKey(), 0L);
      }
      return sum / TICKS_PER_S;
    }
  }

  private final List<Proc> procs = new ArrayList<>();
  private final Thread thread = new Thread(this, "bench-procwatch");
  private volatile boolean running = true;
  private boolean first = true;
  private long machineBusy0 = -1;
  private long machineTotal0;
  private long machineBusy;
  private long machineTotal;
  private long selfTicks0;
  private String loadavgStart;
  private long startNanos;
  private volatile long stopNanos;

  /** Specs {@code name=/path/to/pidfile} or {@code name=*} (every process of that name). */
  ProcWatch(List<String> specs) {
    for (String s : specs) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("process spec NAME=PIDFILE or NAME=*: " + s);
      }
      String file = s.substring(eq + 1);
      procs.add(new Proc(s.substring(0, eq), file.equals("*") ? null : file));
    }
    thread.setDaemon(true);
  }

  void start() {
    startNanos = System.nanoTime();
    selfTicks0 = selfTicks();
    loadavgStart = loadavg();
    sample();
    thread.start();
  }

  void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
    stopNanos = System.nanoTime();
  }

  @Override
  public void run() {
    while (running) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        break;
      }
      sample();
    }
  }

  private synchronized void sample() {
    for (Proc p : procs) {
      List<Long> pids = pids(p);
      long rss = 0;
      for (long pid : pids) {
        long[] st = stat(pid);
        if (st == null) {
          continue;
        }
        if (!p.ticksByPid.containsKey(pid)) {
          // Present from the start: count from now. Started during the run: count its whole life.
          p.startTicksByPid.put(pid, first ? st[0] : 0L);
        }
        p.ticksByPid.put(pid, st[0]);
        long pss = p.pidFile == null ? pssKb(pid) : -1;
        rss += pss >= 0 ? pss : st[1];
        if (p.pidFile != null) {
          threads(p, pid, first);
        }
      }
      if (!pids.isEmpty()) {
        p.rssKbLast = rss;
        p.rssKbMax = Math.max(p.rssKbMax, rss);
      }
    }
    long[] m = machine();
    if (m != null) {
      if (machineBusy0 < 0) {
        machineBusy0 = m[0];
        machineTotal0 = m[1];
      }
      machineBusy = m[0];
      machineTotal = m[1];
    }
    first = false;
  }

  private static List<Long> pids(Proc p) {
    List<Long> out = new ArrayList<>();
    if (p.pidFile != null) {
      try {
        String s = Files.readString(Path.of(p.pidFile)).trim();
        if (!s.isEmpty()) {
          long pid = Long.parseLong(s);
          if (Files.exists(Path.of("/proc/" + pid))) {
            out.add(pid);
          }
        }
      } catch (IOException | NumberFormatException e) {
        // not running
      }
      return out;
    }
    try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
      dirs.forEach(
          d -> {
            String n = d.getFileName().toString();
            if (!n.chars().allMatch(Character::isDigit)) {
              return;
            }
            try {
              String comm = Files.readString(d.resolve("comm")).trim();
              if (comm.equals(p.name)) {
                out.add(Long.parseLong(n));
              }
            } catch (IOException e) {
              // gone
            }
          });
    } catch (IOException e) {
      // no /proc
    }
    return out;
  }

  /**
   * Reads the CPU ticks of every thread of {@code pid}: threads there at the first sample count
   * from then, threads seen later (started during the run) from 0.
   */
  private static void threads(Proc p, long pid, boolean firstSample) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      tasks.forEach(
          t -> {
            try {
              String stat = Files.readString(t.resolve("stat"));
              int open = stat.indexOf('(');
              int close = stat.lastIndexOf(')');
              String name = stat.substring(open + 1, close);
              String[] f = stat.substring(close + 2).split(" ");
              long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
              long tid = Long.parseLong(t.getFileName().toString());
              long[] v = p.threadTicks.get(tid);
              if (v == null) {
                p.threadTicks.put(tid, new long[] {firstSample ? ticks : 0, ticks});
                p.threadNames.put(tid, name);
              } else {
                v[1] = ticks;
              }
            } catch (IOException | RuntimeException e) {
              // the thread ended
            }
          });
    } catch (IOException e) {
      // the process ended
    }
  }

  /** CPU seconds per thread group (digits in names folded), largest first. */
  static Map<String, Object> threadSplit(Proc p) {
    Map<String, Double> groups = new java.util.HashMap<>();
    for (Map.Entry<Long, long[]> e : p.threadTicks.entrySet()) {
      String g = p.threadNames.get(e.getKey()).replaceAll("[0-9]+", "#");
      groups.merge(g, (e.getValue()[1] - e.getValue()[0]) / TICKS_PER_S, Double::sum);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    groups.entrySet().stream()
        .filter(e -> e.getValue() >= 0.05)
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .limit(20)
        .forEach(e -> out.put(e.getKey(), round(e.getValue(), 1)));
    return out;
  }

  /** {cpu ticks (utime + stime), rss kB} of a process, or null when it is gone. */
  static long[] stat(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
      long rss = 0;
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new long[] {ticks, rss};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Proportional set size (kB): shared pages divided among the processes sharing them, so a group
   * of processes (PostgreSQL's backends and shared buffers) is not counted many times.
   */
  static long pssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static long selfTicks() {
    long[] s = stat(ProcessHandle.current().pid());
    return s == null ? 0 : s[0];
  }

  /** {busy ticks, total ticks} of the whole machine. */
  static long[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Per process: rss_mb_max, rss_mb_last, cpu_s; plus the bench JVM and the machine. */
  synchronized Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    double wall = ((stopNanos == 0 ? System.nanoTime() : stopNanos) - startNanos) / 1e9;
    for (Proc p : procs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rss_mb_max", round(p.rssKbMax / 1024.0, 0));
      m.put("memory", p.pidFile == null ? "sum of PSS over every process of that name" : "VmRSS");
      m.put("rss_mb_last", round(p.rssKbLast / 1024.0, 0));
      m.put("cpu_s", round(p.cpuSeconds(), 1));
      m.put("cores", round(p.cpuSeconds() / wall, 2));
      if (!p.threadTicks.isEmpty()) {
        m.put("cpu_s_by_thread", threadSplit(p));
      }
      out.put(p.name, m);
    }
    Map<String, Object> self = new LinkedHashMap<>();
    double selfCpu = (selfTicks() - selfTicks0) / TICKS_PER_S;
    long[] st = stat(ProcessHandle.current().pid());
    self.put("rss_mb_max", st == null ? null : round(st[1] / 1024.0, 0));
    self.put("cpu_s", round(selfCpu, 1));
    self.put("cores", round(selfCpu / wall, 2));
    out.put("bench-jvm", self);
    Map<String, Object> machine = new LinkedHashMap<>();
    long busy = machineBusy - machineBusy0;
    long total = machineTotal - machineTotal0;
    int cores = Runtime.getRuntime().availableProcessors();
    machine.put("cpu_s", round(busy / TICKS_PER_S, 1));
    machine.put("cores", round(busy / TICKS_PER_S / wall, 2));
    machine.put("busy_pct", total == 0 ? null : round(100.0 * busy / total, 0));
    machine.put("cpus", cores);
    double ours = selfCpu;
    for (Proc p : procs) {
      ours += p.cpuSeconds();
    }
    // CPU the machine spent outside the processes listed here (other work on a shared machine)
    machine.put("other_cores", round(Math.max(0, busy / TICKS_PER_S - ours) / wall, 2));
    machine.put("loadavg_start", loadavgStart);
    machine.put("loadavg_end", loadavg());
    out.put("machine", machine);
    out.put("wall_s", round(wall, 1));
    return out;
  }

  static String loadavg() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static Double round(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
