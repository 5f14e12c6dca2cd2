package dev.railway.sim;

import java.util.List;

/** The runs of a simulation, one per seed, in seed order. */
public record SimulationResult(List<RunResult> runs) {

  public SimulationResult {
    runs = List.copyOf(runs);
  }

  /** Runs with at least one violation. */
  public List<RunResult> failures() {
    return runs.stream().filter(RunResult::failed).toList();
  }

  public List<Long> failingSeeds() {
    return failures().stream().map(RunResult::seed).toList();
  }

  /** Seeds of runs that exceeded the documented assumption (and what broke because of it). */
  public List<Long> assumptionExceededSeeds() {
    return runs.stream()
        .filter(r -> !r.assumptionExceeded().isEmpty())
        .map(RunResult::seed)
        .toList();
  }

  /** {@code simulate: runs=N violations=V seeds=[...]}, the failing seeds. */
  public String summaryLine() {
    return "simulate: runs="
        + runs.size()
        + " violations="
        + failures().size()
        + " seeds="
        + failingSeeds();
  }

  /**
   * Throws an {@link AssertionError} carrying the first failing run's report (seed, violations,
   * trace) and every failing seed; does nothing when every run passed.
   */
  public SimulationResult assertNoViolations() {
    if (!failures().isEmpty()) {
      throw new AssertionError(summaryLine() + "\n" + failures().get(0).report());
    }
    return this;
  }
}
