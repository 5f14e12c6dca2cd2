package dev.railway.sim;

import dev.railway.definition.Compromise;

/** The per-kind simulations of the tests, for tests in other packages (the mutants). */
public final class KindWorkflowsAccess {
  /** Seeds per integration kind in CI. */
  public static final int CI_SEEDS = 2_000;

  /** Seeds per integration kind on SQLite in CI. */
  public static final int CI_SQLITE_SEEDS = 300;

  private KindWorkflowsAccess() {}

  public static Simulation<KindWorkflows.Request> idempotent() {
    return Simulation.of(KindWorkflows::idempotent, KindWorkflows::request);
  }

  public static Simulation<KindWorkflows.Request> pessimistic() {
    return Simulation.of(KindWorkflows::pessimistic, KindWorkflows::request);
  }

  public static Simulation<KindWorkflows.Request> optimistic() {
    return Simulation.of(KindWorkflows::optimistic, KindWorkflows::request);
  }

  public static Simulation<KindWorkflows.Request> blackBoxed(Compromise compromise) {
    return Simulation.of(w -> KindWorkflows.blackBoxed(w, compromise), KindWorkflows::request);
  }
}
