package io.eris.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.scenario.Scenarios;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs many seeded random schedules (crashes, partitions, storms, restarts; then healing) and
 * checks safety, liveness after healing, and that no accepted transaction is lost.
 *
 * <p>{@code -Dsim.runs=N} sets the count (default 1000), {@code -Dsim.seed=S} runs only seed S
 * (with {@code -Dsim.trace=true} to print what happens), {@code -Dsim.firstSeed=F} shifts the
 * range. Runs go on all cores; each run is single-threaded and deterministic.
 */
class SimulationTest {
  private record Outcome(long seed, List<String> schedule, List<String> problems, long blocks) {}

  @Test
  void randomSchedulesKeepSafetyAndRecover() throws Exception {
    String only = System.getProperty("sim.seed");
    int runs = Integer.getInteger("sim.runs", 1000);
    long first = Long.getLong("sim.firstSeed", 1);
    List<Long> seeds = new ArrayList<>();
    if (only != null) {
      seeds.add(Long.parseLong(only));
    } else {
      for (long s = first; s < first + runs; s++) {
        seeds.add(s);
      }
    }
    long started = System.nanoTime();
    List<Outcome> outcomes = run(seeds);
    long millis = (System.nanoTime() - started) / 1_000_000;

    List<String> failures = new ArrayList<>();
    long blocks = 0;
    for (Outcome o : outcomes) {
      blocks += o.blocks;
      if (!o.problems.isEmpty()) {
        failures.add(
            "seed "
                + o.seed
                + " (reproduce: -Dsim.seed="
                + o.seed
                + ") schedule "
                + o.schedule
                + ":\n    "
                + String.join("\n    ", o.problems));
      }
    }
    System.out.printf(
        "simulation: %d seeded schedules, %d blocks, %d ms, %d with violations%n",
        outcomes.size(), blocks, millis, failures.size());
    failures.forEach(System.out::println);
    assertThat(outcomes).hasSize(seeds.size());
    assertThat(failures).as("schedules with violations").isEmpty();
  }

  private static List<Outcome> run(List<Long> seeds) throws Exception {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (long seed : seeds) {
        futures.add(pool.submit(() -> runOne(seed)));
      }
      List<Outcome> out = Collections.synchronizedList(new ArrayList<>());
      for (Future<Outcome> f : futures) {
        out.add(f.get(10, TimeUnit.MINUTES));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome runOne(long seed) {
    Simulation sim = new Simulation(seed);
    Scenarios scenarios = new Scenarios(sim, new Random(seed));
    List<String> schedule;
    List<String> problems = new ArrayList<>();
    try {
      schedule = scenarios.randomSchedule();
    } catch (RuntimeException e) {
      schedule = List.of("aborted");
      problems.add("exception: " + e);
    }
    problems.addAll(scenarios.problems());
    for (String v : sim.violations()) {
      problems.add("SAFETY: " + v);
    }
    if (scenarios.clients().accepted().isEmpty()) {
      problems.add("no transaction was accepted: the run tested nothing");
    }
    return new Outcome(seed, schedule, problems, sim.head(sim.validators().get(1)).height());
  }
}
