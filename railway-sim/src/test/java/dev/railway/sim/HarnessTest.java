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
    Simulation<?> sim = KindSimulations.optimistic();
    RunResult first = sim.run(42);
    RunResult again = sim.run(42);
    RunResult other = sim.run(43);

    assertThat(again.trace()).isEqualTo(first.trace());
    assertThat(other.trace()).isNotEqualTo(first.trace());
  }

  @Test
  void everyFaultKind_isInjected_somewhereInTheBudget() {
    SimulationResult result =
        KindSimulations.pessimistic().faults(EnumSet.allOf(Fault.class)).seeds(200).run();
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
        KindSimulations.pessimistic()
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
    KindSimulations.pessimistic()
        .faults(Fault.PAUSE_SHORT, Fault.DUPLICATE_TASK, Fault.SLOW_RESPONSE)
        .seeds(300)
        .run()
        .assertNoViolations();
  }

  @Test
  void aFailingRun_reportsItsSeed_violations_rerunHint_andTrace() {
    SimulationResult result =
        KindSimulations.blackBoxed(Compromise.atMostOnce())
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
  void deadlinesLandInsideAttempts_andSlowCallsStraddleLocks() {
    SimulationResult result = KindSimulations.pessimistic().seeds(200).run();
    List<String> traces = result.runs().stream().map(r -> String.join("\n", r.trace())).toList();

    assertThat(traces)
        .as("an expiry decided while an attempt of the task was between its lock and its decision")
        .anyMatch(HarnessTest::expiryMetARunningAttempt);
    assertThat(traces)
        .as("a call that took longer than the engine's timeout for it")
        .anyMatch(t -> t.lines().anyMatch(HarnessTest::slowerThanItsTimeout));
  }

  /** An Expired decision recorded after some attempt's lock write and before that attempt ended. */
  private static boolean expiryMetARunningAttempt(String trace) {
    List<String> lines = trace.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("AFTER_LOCK_WRITE")) {
        String worker = lines.get(i).split(" ")[1];
        for (int j = i + 1; j < lines.size(); j++) {
          String l = lines.get(j);
          if (l.contains(" " + worker + " DONE") || l.contains(" " + worker + " DIED")) {
            break;
          }
          if (l.contains("BEFORE_DECISION Expired") && !l.contains(" " + worker + " ")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean slowerThanItsTimeout(String line) {
    var m =
        java.util.regex.Pattern.compile("takes (\\d+)ms, acts at \\d+ms, timeout (\\d+)ms")
            .matcher(line);
    return m.find() && Long.parseLong(m.group(1)) > Long.parseLong(m.group(2));
  }

  @Test
  void aPoisonOutcome_isReported_andTheOthersAreDelivered() {
    SimulationResult result =
        KindSimulations.idempotent().faults(Fault.LISTENER_ERROR).seeds(100).run();
    String traces =
        String.join("\n", result.runs().stream().flatMap(r -> r.trace().stream()).toList());

    assertThat(traces).contains("always fails", "OUTCOME delivered");
    result.assertNoViolations();
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
