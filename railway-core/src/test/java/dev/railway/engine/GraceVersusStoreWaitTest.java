package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Compromise;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraceVersusStoreWaitTest {

  @Test
  void lockBasedTaskWithGraceShorterThanTheStoresLongestWait_isNamedWithBothValues() {
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.blackBoxed(new OpaqueApi(), Compromise.atMostOnce())
                .lockGrace(Duration.ofSeconds(2))
                .build());

    List<String> problems =
        AttemptBudget.graceShorterThanStoreWaits(List.of(wf), Duration.ofSeconds(5));

    assertThat(problems)
        .singleElement()
        .satisfies(p -> assertThat(p).contains("'call'", "PT2S", "PT5S", "lockGrace"));
    assertThat(AttemptBudget.graceShorterThanStoreWaits(List.of(wf), Duration.ofSeconds(2)))
        .isEmpty();
  }

  @Test
  void idempotentTaskHasNoLock_soItsGraceIsNotChecked() {
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.idempotent(new KeyedApi()).lockGrace(Duration.ZERO).build());

    assertThat(AttemptBudget.graceShorterThanStoreWaits(List.of(wf), Duration.ofSeconds(5)))
        .isEmpty();
  }
}
