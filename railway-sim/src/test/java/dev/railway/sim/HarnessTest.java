package dev.railway.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.definition.Compromise;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: reproducible traces, faults really injected, reports, the assumption. */
class HarnessTest {

  @Test
  void aSeed_replaysTheSameTrace_andAnotherSeedDoesNot() {
    Simulation<?> sim = KindWorkflowsAccess.optimistic();
    RunResult first = sim.run(42);
    RunResult again = sim.run(42);
    RunResult other = sim.run(43);

    assertThat(again.trace()).isEqualTo(first.trace());
    assertThat(other.trace()).isNotEqualTo(first.trace());
  }

  @Test
  void everyFaultKind_isInjected_somewhereInTheBudget() {
    SimulationResult result =
        KindWorkflowsAccess.pessimistic().faults(EnumSet.allOf(Fault.class)).seeds(200).run();
    String traces =
        String.join("\n", result.runs().stream().flatMap(r -> r.trace().stream()).toList());
    for (Fault f : Fault.values()) {
      assertThat(traces).as("fault %s injected", f).contains("FAULT " + f.cliName());
    }
    assertThat(traces).contains("EFFECT ticketing", "AFTER_DECISION recorded", "DIED");
  }

  @Test
  void pausesLongerThanTheGrace_breakI4_reportedAsTheAssumptionExceeded() {
    SimulationResult result =
        KindWorkflowsAccess.pessimistic()
            .faults(Fault.PAUSE_LONG, Fault.DUPLICATE_TASK)
            .seeds(300)
            .run();

    List<RunResult> exceeded =
        result.runs().stream().filter(r -> !r.assumptionExceeded().isEmpty()).toList();
    assertThat(exceeded).as("runs with a pause beyond the grace").isNotEmpty();
    assertThat(exceeded)
        .as("some of them broke I4, as the documented assumption predicts")
        .anySatisfy(r -> assertThat(r.assumptionExceeded()).anyMatch(a -> a.startsWith("I4")));
    assertThat(result.failures()).as("reported as the assumption, not as violations").isEmpty();
    System.out.println(
        "pause-long broke I4 first in seed "
            + exceeded.stream()
                .filter(r -> r.assumptionExceeded().stream().anyMatch(a -> a.startsWith("I4")))
                .findFirst()
                .orElseThrow()
                .seed());
  }

  @Test
  void shortPausesOnly_breakNothing() {
    KindWorkflowsAccess.pessimistic()
        .faults(Fault.PAUSE_SHORT, Fault.DUPLICATE_TASK, Fault.SLOW_RESPONSE)
        .seeds(300)
        .run()
        .assertNoViolations();
  }

  @Test
  void aFailingRun_reportsItsSeed_violations_rerunHint_andTrace() {
    SimulationResult result =
        KindWorkflowsAccess.blackBoxed(Compromise.atMostOnce())
            .store(clock -> new BrokenOutcomeStore(clock))
            .seeds(5)
            .run();

    assertThat(result.failures()).isNotEmpty();
    assertThat(result.summaryLine())
        .startsWith("simulate: runs=5 violations=" + result.failures().size() + " seeds=[");
    String report = result.failures().get(0).report();
    assertThat(report)
        .contains("seed " + result.failures().get(0).seed() + ": FAILED")
        .contains("violation I2")
        .contains("-Drailway.sim.seed=")
        .contains("DELIVER trigger");
    assertThatThrownBy(result::assertNoViolations)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("seed " + result.failures().get(0).seed());
  }

  @Test
  void onSqlite_theInvariantsHoldToo() {
    KindWorkflowsAccess.pessimistic().onSqlite().seeds(30).run().assertNoViolations();
  }

  @Test
  void badFaultNames_areRefused_listingTheKnownOnes() {
    assertThat(Fault.parse("crash, lost-response"))
        .containsExactly(Fault.CRASH, Fault.LOST_RESPONSE);
    assertThat(Fault.parse("default")).isEqualTo(Fault.defaults()).doesNotContain(Fault.PAUSE_LONG);
    assertThatThrownBy(() -> Fault.parse("crash,meteor"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'meteor'")
        .hasMessageContaining("pause-long");
  }
}
