package io.eris.core.sim;

import io.eris.core.scenario.Cluster;
import io.eris.core.scenario.ScenarioSuite;

/** The scenario suite on the deterministic simulation. */
class SimScenarioTest extends ScenarioSuite {
  @Override
  protected Cluster newCluster(long seed) {
    return new Simulation(seed);
  }
}
