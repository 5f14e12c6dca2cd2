package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.MAX_ATTEMPTS;
import static dev.railway.engine.OneTaskWorkflows.RETRY;
import static dev.railway.engine.OneTaskWorkflows.taskId;
import static dev.railway.engine.ThirdParty.Behaviour.FAIL;
import static dev.railway.engine.ThirdParty.Behaviour.HANG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Failed;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.testing.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdempotentAlgorithmTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final KeyedApi api = new KeyedApi();

  @Test
  void idempotent_success_decidesWithResult_keyedByTaskId() {
    var wf = OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));

    assertThat(engine.runDueTasks()).isEqualTo(1);

    assertThat(h.outcomes()).containsExactly(new Done("1", "charge-call-1"));
    assertThat(h.decision(taskId("1")).cause()).isEqualTo("DECISION");
    assertThat(api.effects(taskId("1"))).isEqualTo(1);
  }

  @Test
  void idempotent_fault_retriesAtNowPlusBackoffDelay_notBefore() {
    var wf = OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    api.then(FAIL);

    engine.runDueTasks();

    assertThat(h.openTask(taskId("1")).dueAt()).isEqualTo(SettableClock.START.plus(RETRY));
    assertThat(h.openTask(taskId("1")).attempts()).isEqualTo(1);
    assertThat(engine.runDueTasks()).as("nothing is due before the backoff delay").isZero();
    h.clock.advance(RETRY);
    assertThat(engine.runDueTasks()).isEqualTo(1);
    assertThat(h.outcomes()).containsExactly(new Done("1", "charge-call-1"));
    assertThat(api.calls()).isEqualTo(2);
    assertThat(api.effects(taskId("1"))).isEqualTo(1);
  }

  @Test
  void idempotent_backoffGivesUp_faultMappingDecides() {
    var wf = OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      api.then(FAIL);
    }

    h.settle(engine);

    assertThat(h.outcomes()).singleElement().isInstanceOf(Failed.class);
    assertThat(((Failed) h.outcomes().get(0)).error()).contains("third party refused call-1");
    assertThat(h.decision(taskId("1")).cause()).isEqualTo("FAULT");
    assertThat(api.calls()).isEqualTo(MAX_ATTEMPTS);
    assertThat(h.streamCount("one:1", "AttemptFaulted")).isEqualTo(MAX_ATTEMPTS);
    assertThat(h.clock.instant()).isEqualTo(SettableClock.START.plus(RETRY.multipliedBy(4)));
  }

  @Test
  void idempotent_timeout_interruptsTheCall_andIsTreatedAsFault() throws Exception {
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.idempotent(api).attemptTimeout(Duration.ofMillis(100)).build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    api.then(HANG);

    engine.runDueTasks();

    assertThat(api.awaitInterrupt()).as("the hanging call was interrupted").isTrue();
    assertThat(h.openTask(taskId("1")).dueAt()).isEqualTo(SettableClock.START.plus(RETRY));
    assertThat(h.store.stream("one:1"))
        .filteredOn(e -> e.kind().equals("AttemptFaulted"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("exceeded its timeout of PT0.1S"));
    h.clock.advance(RETRY);
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Done("1", "charge-call-1"));
  }
}
