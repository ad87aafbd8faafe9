package io.eris.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest methods of a flight recording's execution samples: by self time (top frame) and by
 * total time (anywhere on the stack), as a share of all samples, and the same for wall-clock
 * blocking (monitor waits, socket reads) so time spent waiting on the database shows too.
 */
final class JfrTop {
  private JfrTop() {}

  static void print(Path file, int top) throws IOException {
    print(file, top, null);
  }

  /** As above, counting only threads whose name starts with {@code threadPrefix} (when given). */
  static void print(Path file, int top, String threadPrefix) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Long> blockedNs = new HashMap<>();
    Map<String, Integer> components = new HashMap<>();
    Map<String, Integer> appTotal = new HashMap<>();
    Map<String, Set<String>> threadNames = new HashMap<>();
    long gcPauseNs = 0;
    int gcs = 0;
    java.time.Instant first = null;
    java.time.Instant last = null;
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      RecordedStackTrace st = e.getStackTrace();
      if (type.equals("jdk.GarbageCollection")) {
        gcPauseNs += e.getDuration("sumOfPauses").toNanos();
        gcs++;
      } else if (type.equals("jdk.ExecutionSample")) {
        if (threadPrefix != null
            && (e.getThread("sampledThread") == null
                || e.getThread("sampledThread").getJavaName() == null
                || !e.getThread("sampledThread").getJavaName().startsWith(threadPrefix))) {
          continue;
        }
        samples++;
        first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
        last = last == null || e.getStartTime().isAfter(last) ? e.getStartTime() : last;
        if (e.getThread("sampledThread") != null) {
          String tn = e.getThread("sampledThread").getJavaName();
          String group = tn == null ? "?" : tn.replaceAll("[0-9]+", "#");
          threads.merge(group, 1, Integer::sum);
          threadNames.computeIfAbsent(group, k -> new HashSet<>()).add(String.valueOf(tn));
        }
        if (st == null || st.getFrames().isEmpty()) {
          continue;
        }
        List<RecordedFrame> frames = st.getFrames();
        self.merge(name(frames.get(0)), 1, Integer::sum);
        components.merge(component(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (seen.add(n)) {
            total.merge(n, 1, Integer::sum);
            if (n.startsWith("io.eris") && !n.contains("$$") && !n.contains("__EJB")) {
              appTotal.merge(n, 1, Integer::sum);
            }
          }
        }
      } else if ((type.equals("jdk.SocketRead") || type.equals("jdk.JavaMonitorEnter"))
          && st != null
          && !st.getFrames().isEmpty()) {
        String where = type.substring(4) + " in " + firstApp(st.getFrames());
        blockedNs.merge(where, e.getDuration().toNanos(), Long::sum);
      }
    }
    double span = first == null ? 0 : (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
    System.out.printf(Locale.ROOT, "%d execution samples over %.0f s in %s%n", samples, span, file);
    System.out.printf(
        Locale.ROOT,
        "GC: %d collections, %.1f s of pauses (%.1f%% of the time)%n",
        gcs,
        gcPauseNs / 1e9,
        span == 0 ? 0 : 100 * gcPauseNs / 1e9 / span);
    print("self time by component (top frame's library)", components, samples, top);
    print("application methods (on the stack)", appTotal, samples, top);
    print("self (top frame)", self, samples, top);
    print("total (on the stack)", total, samples, top);
    System.out.println("-- threads (samples; distinct threads) --");
    final int n = samples;
    threads.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
        .limit(12)
        .forEach(
            en ->
                System.out.printf(
                    Locale.ROOT,
                    "%6.1f%%  %s  (%d threads)%n",
                    100.0 * en.getValue() / Math.max(1, n),
                    en.getKey(),
                    threadNames.get(en.getKey()).size()));
    System.out.println("-- blocking (sum of durations) --");
    blockedNs.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(top)
        .forEach(
            en ->
                System.out.printf(Locale.ROOT, "%10.1f s  %s%n", en.getValue() / 1e9, en.getKey()));
  }

  private static void print(String title, Map<String, Integer> m, int samples, int top) {
    System.out.println("-- " + title + " --");
    m.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
        .limit(top)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "%6.1f%%  %s%n",
                    100.0 * e.getValue() / Math.max(1, samples),
                    e.getKey()));
  }

  /** The library a frame belongs to, by package. */
  static String component(RecordedFrame f) {
    String c = f.getMethod().getType().getName();
    String[][] map = {
      {"org.bouncycastle.", "Bouncy Castle (Ed25519, SHA)"},
      {"io.eris.core.", "eris core (protocol)"},
      {"io.eris.", "eris node (ejb/web)"},
      {"org.hibernate.", "Hibernate"},
      {"org.postgresql.", "PostgreSQL JDBC"},
      {"org.apache.activemq.", "Artemis client"},
      {"io.netty.", "Netty (Artemis)"},
      {"org.glassfish.jersey.", "Jersey (JAX-RS)"},
      {"org.glassfish.grizzly.", "Grizzly (HTTP)"},
      {"org.apache.catalina.", "Catalina (servlet)"},
      {"org.jboss.weld.", "Weld (CDI)"},
      {"com.sun.ejb.", "EJB container"},
      {"com.sun.enterprise.resource.", "connection pools (JCA/JDBC)"},
      {"com.sun.enterprise.", "Payara/GlassFish other"},
      {"org.glassfish.", "Payara/GlassFish other"},
      {"fish.payara.", "Payara/GlassFish other"},
      {"com.hazelcast.", "Hazelcast"},
      {"org.h2.", "H2 (EJB timer store)"},
      {"org.eclipse.yasson.", "JSON-B (Yasson)"},
      {"org.eclipse.parsson.", "JSON-P"},
      {"sun.security.", "JDK crypto/security"},
      {"java.util.concurrent.", "JDK concurrency"},
      {"java.", "JDK other"},
      {"jdk.", "JDK other"},
      {"sun.", "JDK other"},
    };
    for (String[] m : map) {
      if (c.startsWith(m[0])) {
        return m[1];
      }
    }
    return "other (" + c.replaceAll("^((?:[a-z0-9_]+\\.){1,2}).*", "$1") + ")";
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** The first frame in application (io.eris) code, else the top frame. */
  private static String firstApp(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      if (f.getMethod().getType().getName().startsWith("io.eris")) {
        return name(f);
      }
    }
    return name(frames.get(0));
  }
}
