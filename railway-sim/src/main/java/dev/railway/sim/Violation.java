package dev.railway.sim;

/**
 * A broken invariant found after a run.
 *
 * @param invariant {@code I1}…{@code I6}, {@code L1} (DESIGN.md §6), or {@code ENGINE} for an
 *     unexpected error inside the engine
 * @param message what was found, naming the task or instance
 */
public record Violation(String invariant, String message) {
  @Override
  public String toString() {
    return invariant + ": " + message;
  }
}
