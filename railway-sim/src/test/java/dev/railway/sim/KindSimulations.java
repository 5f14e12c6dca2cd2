package dev.railway.sim;

import dev.railway.definition.Compromise;

/** The per-kind simulations of the tests, with their CI seed budgets. */
final class KindSimulations {
  /** Seeds per integration kind in CI. */
  static final int CI_SEEDS = 2_000;

  /** Seeds per integration kind on SQLite in CI. */
  static final int CI_SQLITE_SEEDS = 300;

  private KindSimulations() {}

  static Simulation<KindWorkflows.Request> idempotent() {
    return Simulation.of(KindWorkflows::idempotent, KindWorkflows::request);
  }

  static Simulation<KindWorkflows.Request> pessimistic() {
    return Simulation.of(KindWorkflows::pessimistic, KindWorkflows::request);
  }

  static Simulation<KindWorkflows.Request> optimistic() {
    return Simulation.of(KindWorkflows::optimistic, KindWorkflows::request);
  }

  static Simulation<KindWorkflows.Request> blackBoxed(Compromise compromise) {
    return Simulation.of(w -> KindWorkflows.blackBoxed(w, compromise), KindWorkflows::request);
  }
}
