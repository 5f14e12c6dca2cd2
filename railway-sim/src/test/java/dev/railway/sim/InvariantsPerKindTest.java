package dev.railway.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Compromise;
import org.junit.jupiter.api.Test;

/**
 * The CI seed budget per integration kind on the in-memory store: every seed runs 3 workers on 3
 * instances with every fault within the documented assumptions, and I1–I6 and L1 must hold. A
 * failure prints its seed and trace; rerun it with {@code -Drailway.sim.seed=N}.
 */
class InvariantsPerKindTest {
  private static final int SEEDS = KindSimulations.CI_SEEDS;

  static void holds(String kind, Simulation<?> sim) {
    holds(kind, sim, SEEDS);
  }

  static void holds(String kind, Simulation<?> sim, int seeds) {
    long start = System.nanoTime();
    SimulationResult result = sim.seeds(seeds).run();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%s: %d seeds in %.1f s (%.0f seeds/s)%n",
        kind, result.runs().size(), seconds, result.runs().size() / seconds);
    result.assertNoViolations();
    assertThat(result.runs()).isNotEmpty();
  }

  @Test
  void idempotent_I1_I2_I3_L1() {
    holds("Idempotent", KindSimulations.idempotent());
  }

  @Test
  void pessimisticLock_I1_I2_I4_L1() {
    holds("PessimisticLock", KindSimulations.pessimistic());
  }

  @Test
  void optimisticLock_I1_I2_I5_L1() {
    holds("OptimisticLock", KindSimulations.optimistic());
  }

  @Test
  void blackBoxed_atMostOnce_I1_I2_I6_L1() {
    holds("BlackBoxed AtMostOnce", KindSimulations.blackBoxed(Compromise.atMostOnce()));
  }

  @Test
  void blackBoxed_upTo2_I6_allowsAtMostThreeEffects() {
    holds("BlackBoxed UpTo(2)", KindSimulations.blackBoxed(Compromise.upTo(2)));
  }
}
