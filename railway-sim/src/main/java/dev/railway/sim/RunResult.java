package dev.railway.sim;

import java.time.Duration;
import java.util.List;

/**
 * What one seeded run found.
 *
 * @param violations broken invariants; empty when the run passed
 * @param assumptionExceeded where the run exceeded the documented assumption (a worker paused
 *     longer than the grace period), with the effect bounds that broke because of it; such breaks
 *     are reported here rather than as violations
 * @param trace the run step by step: worker, step, store or third-party effect
 * @param actions scheduler decisions taken
 * @param simulatedTime how far the simulated clock moved
 */
public record RunResult(
    long seed,
    List<Violation> violations,
    List<String> assumptionExceeded,
    List<String> trace,
    int actions,
    Duration simulatedTime) {

  public RunResult {
    violations = List.copyOf(violations);
    assumptionExceeded = List.copyOf(assumptionExceeded);
    trace = List.copyOf(trace);
  }

  public boolean failed() {
    return !violations.isEmpty();
  }

  /** The seed, what broke, how to rerun it, and the step-by-step trace. */
  public String report() {
    StringBuilder s = new StringBuilder();
    s.append("seed ").append(seed).append(failed() ? ": FAILED" : ": passed").append('\n');
    violations.forEach(v -> s.append("  violation ").append(v).append('\n'));
    assumptionExceeded.forEach(a -> s.append("  assumption exceeded: ").append(a).append('\n'));
    s.append("  rerun: ./railway simulate ... --seed ")
        .append(seed)
        .append("   (in a test: -Drailway.sim.seed=")
        .append(seed)
        .append(")\n");
    s.append("  trace (").append(trace.size()).append(" lines):\n");
    trace.forEach(line -> s.append("    ").append(line).append('\n'));
    return s.toString();
  }
}
