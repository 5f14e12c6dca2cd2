package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.railway.definition.Compromise;
import dev.railway.definition.Integration;
import dev.railway.sim.KindWorkflowsAccess;
import dev.railway.sim.RunResult;
import dev.railway.sim.Simulation;
import dev.railway.sim.SimulationResult;
import dev.railway.sim.Violation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mutation checks: each deliberately broken variant of an algorithm (or of the store) must be
 * caught by the simulation's invariant checks within the CI seed budget. The seeds are fixed
 * (1..budget), so each test is deterministic; the catching seed is printed.
 */
class MutantsTest {
  private static final int BUDGET = KindWorkflowsAccess.CI_SEEDS;

  @BeforeEach
  void notWhenRerunningOneSeed() {
    assumeTrue(
        System.getProperty(Simulation.SEED_PROPERTY) == null,
        "mutants need the whole seed budget, not the one seed of " + Simulation.SEED_PROPERTY);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Algorithms pessimistic(
      java.util.function.BiFunction<AttemptContext, Integration.PessimisticLock, AttemptOutcome<?>>
          mutant) {
    return (integration, ctx) ->
        integration instanceof Integration.PessimisticLock p
            ? mutant.apply(ctx, p)
            : Algorithms.STANDARD.run(integration, ctx);
  }

  private static RunResult caught(Simulation<?> sim, String invariant, String mutant) {
    SimulationResult result = sim.seeds(BUDGET).stopAtFirstFailure().run();
    assertThat(result.failures())
        .as("mutant '%s' must be caught within %d seeds", mutant, BUDGET)
        .isNotEmpty();
    RunResult first = result.failures().get(0);
    assertThat(first.violations()).extracting(Violation::invariant).contains(invariant);
    System.out.println(
        "mutant '"
            + mutant
            + "' caught by seed "
            + first.seed()
            + ": "
            + first.violations().get(0));
    return first;
  }

  @Test
  void pessimistic_skipTheOldestLockCheck_isCaughtByI4() {
    caught(
        KindWorkflowsAccess.pessimistic()
            .engine(b -> b.algorithms(pessimistic(PessimisticWithoutOldestCheck::run))),
        "I4",
        "skip the oldest-lock check");
  }

  @Test
  void pessimistic_skipThePreviousQuery_isCaughtByI4() {
    caught(
        KindWorkflowsAccess.pessimistic()
            .engine(b -> b.algorithms(pessimistic(PessimisticWithoutPrevious::run))),
        "I4",
        "skip the previous query");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void blackBoxed_treatAPossibleFailureAsSuccess_isCaughtByI6() {
    Algorithms mutant =
        (integration, ctx) ->
            integration instanceof Integration.BlackBoxed b
                ? BlackBoxedPossibleFailureAsSuccess.run(ctx, b)
                : Algorithms.STANDARD.run(integration, ctx);
    caught(
        KindWorkflowsAccess.blackBoxed(Compromise.atMostOnce()).engine(b -> b.algorithms(mutant)),
        "I6",
        "treat a possible failure as success");
  }

  @Test
  void store_decisionsWithoutUniqueness_isCaughtByI1() {
    caught(
        KindWorkflowsAccess.idempotent().store(NonUniqueDecisionStore::open),
        "I1",
        "record decisions without the uniqueness guarantee");
  }
}
