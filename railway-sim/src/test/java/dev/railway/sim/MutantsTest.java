package dev.railway.sim;

import static dev.railway.sim.KindSimulations.blackBoxed;
import static dev.railway.sim.KindSimulations.idempotent;
import static dev.railway.sim.KindSimulations.optimistic;
import static dev.railway.sim.KindSimulations.pessimistic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.railway.definition.Compromise;
import dev.railway.engine.Mutants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mutation checks: each deliberately broken variant of an algorithm ({@link Mutants}, next to the
 * real classes in railway-core's tests) or of the store must be caught by the simulation's
 * invariant checks within the CI seed budget. The seeds are fixed (1..budget), so each test is
 * deterministic; the catching seed is printed.
 */
class MutantsTest {
  private static final int BUDGET = KindSimulations.CI_SEEDS;

  @BeforeEach
  void notWhenRerunningOneSeed() {
    assumeTrue(
        System.getProperty(Simulation.SEED_PROPERTY) == null,
        "mutants need the whole seed budget, not the one seed of " + Simulation.SEED_PROPERTY);
  }

  /**
   * Runs the budget's seeds in chunks until one run breaks {@code invariant}; asserts that one did
   * and prints its seed. Runs that fail otherwise do not count: the mutant must be caught by the
   * invariant its hole breaks.
   */
  private static RunResult caught(Simulation<?> sim, String invariant, String mutant) {
    int chunk = 100;
    for (int first = 1; first <= BUDGET; first += chunk) {
      SimulationResult result = sim.seeds(first, Math.min(chunk, BUDGET - first + 1)).run();
      for (RunResult run : result.failures()) {
        if (run.violations().stream().anyMatch(v -> v.invariant().equals(invariant))) {
          Violation v =
              run.violations().stream()
                  .filter(x -> x.invariant().equals(invariant))
                  .findFirst()
                  .orElseThrow();
          System.out.println("mutant '" + mutant + "' caught by seed " + run.seed() + ": " + v);
          return run;
        }
      }
    }
    throw new AssertionError(
        "mutant '" + mutant + "' was not caught by " + invariant + " within " + BUDGET + " seeds");
  }

  @Test
  void pessimistic_skipTheOldestLockCheck_isCaughtByI4() {
    caught(
        pessimistic().engine(Mutants.pessimisticWithoutOldestCheck()),
        "I4",
        "skip the oldest-lock check");
  }

  @Test
  void pessimistic_skipThePreviousQuery_isCaughtByI4() {
    caught(
        pessimistic().engine(Mutants.pessimisticWithoutPrevious()),
        "I4",
        "skip the previous query");
  }

  @Test
  void blackBoxed_treatAPossibleFailureAsSuccess_isCaughtByI6() {
    caught(
        blackBoxed(Compromise.atMostOnce()).engine(Mutants.blackBoxedPossibleFailureAsSuccess()),
        "I6",
        "treat a possible failure as success");
  }

  /**
   * Each call gets the full attempt timeout, not what is left of its lock. The real {@link
   * AttemptBudget} runs, given an end of calls that no lock bounds; the re-check of the own lock
   * before the call stays.
   */
  @Test
  void pessimistic_callTimeoutNotBoundedByTheLock_isCaughtByI4() {
    caught(
        pessimistic().engine(Mutants.callTimeoutNotBoundedByTheLock()),
        "I4",
        "call timeout not bounded by the lock");
  }

  /**
   * The expiry is decided before any lock is looked at (what the engine does for Idempotent, which
   * has none). Everything else is the standard algorithm.
   */
  @Test
  void blackBoxed_expiryBeforeTheLockInspection_isCaughtByI6() {
    caught(
        blackBoxed(Compromise.atMostOnce()).engine(Mutants.expiryBeforeTheLockInspection()),
        "I6",
        "expiry before the lock inspection (BlackBoxed)");
  }

  @Test
  void pessimistic_expiryBeforeTheLockInspection_isCaughtByI4() {
    caught(
        pessimistic().engine(Mutants.expiryBeforeTheLockInspection()),
        "I4",
        "expiry before the lock inspection (PessimisticLock)");
  }

  /** A delivery pass stops at its first failed outcome. */
  @Test
  void outbox_stopAtTheFirstFailedDelivery_isCaughtByL1() {
    caught(
        idempotent().store(OutboxStopsAtFirstFailureStore::open),
        "L1",
        "the outbox break: stop the pass at the first failed delivery");
  }

  /**
   * A pause beyond the grace excuses only the effect bounds broken on tasks where the paused
   * attempt acted: breaks that a mutant causes elsewhere in the same run stay violations.
   */
  @Test
  void pauseLong_excusesOnlyTheBoundsItBroke() {
    SimulationResult result =
        pessimistic()
            .engine(Mutants.pessimisticWithoutPrevious())
            .faults(Fault.PAUSE_LONG, Fault.CRASH, Fault.DUPLICATE_TASK, Fault.LOST_RESPONSE)
            .seeds(300)
            .run();
    RunResult both =
        result.runs().stream()
            .filter(r -> r.assumptionExceeded().stream().anyMatch(a -> a.startsWith("I4")))
            .filter(r -> r.violations().stream().anyMatch(v -> v.invariant().equals("I4")))
            .findFirst()
            .orElseThrow(() ->
                new AssertionError(
                    "no run had both an I4 break excused by a long pause and one kept"));
    System.out.println("pause-long excused some and kept other I4 breaks in seed " + both.seed());
    assertThat(both.violations()).isNotEmpty();
  }

  /**
   * The first step is undone after a second step that lost its response or timed out (it may have
   * completed). The standard algorithm runs; only its reading of a failed second step changes —
   * every failure is taken as proof that nothing was done, which is what made the old algorithm
   * undo.
   */
  @Test
  void optimistic_undoAfterALostSecondStepResponse_isCaughtByI5() {
    caught(
        optimistic().engine(Mutants.optimisticUndoAfterALostSecondStep()),
        "I5",
        "undo after a lost second-step response");
  }

  @Test
  void store_decisionsWithoutUniqueness_isCaughtByI1() {
    caught(
        idempotent().store(NonUniqueDecisionStore::open),
        "I1",
        "record decisions without the uniqueness guarantee");
  }
}
