package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.definition.Workflow;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.testing.ManualEngine;
import dev.railway.store.TaskEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The testing entry point ({@link ManualEngine}): a step listener sees every step boundary on the
 * attempt's thread, a claimed task runs on the caller's thread, decisions commit synchronously, and
 * an error thrown by the listener unwinds the attempt like a crash, leaving the store as it was at
 * that step.
 */
class StepListenerTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();

  private final List<String> seen = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  private ManualEngine engine(Workflow<Order> wf, StepListener listener) {
    return h.manual(h.builder(h.store, "w1"), listener, wf);
  }

  private TaskEntry claim(Engine engine) {
    List<TaskEntry> claimed =
        h.store.claimDue(engine.workerId(), 1, java.time.Duration.ofMinutes(1));
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }

  @Test
  void pessimistic_everyStepBoundary_inOrder_onTheCallersThread() {
    QueryableApi api = new QueryableApi();
    Workflow<Order> wf = OneTaskWorkflows.workflow(OneTaskWorkflows.pessimistic(api).build());
    ManualEngine engine =
        engine(
            wf,
            (step, task, attempt, what) -> {
              seen.add(step + " " + what);
              threads.add(Thread.currentThread());
            });
    engine.trigger(wf, new Order("1"));

    engine.runClaimed(claim(engine));

    assertThat(seen)
        .containsExactly(
            "BEFORE_LOCK_WRITE lock",
            "AFTER_LOCK_WRITE lock",
            "BEFORE_CALL previous",
            "AFTER_CALL previous",
            "BEFORE_CALL attempt",
            "AFTER_CALL attempt",
            "BEFORE_DECISION Done",
            "AFTER_DECISION recorded");
    assertThat(threads).containsOnly(Thread.currentThread());
    assertThat(h.store.decision(taskId("1"))).isPresent();
  }

  @Test
  void anErrorFromTheListener_unwindsTheAttempt_theStoreKeepsTheLockButNoDecision() {
    OpaqueApi api = new OpaqueApi();
    Workflow<Order> wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.blackBoxed(api, dev.railway.definition.Compromise.atMostOnce())
                .build());
    class Crash extends VirtualMachineError {
      private static final long serialVersionUID = 1L;
    }
    ManualEngine engine =
        engine(
            wf,
            (step, task, attempt, what) -> {
              if (step == Step.AFTER_CALL) {
                throw new Crash();
              }
            });
    engine.trigger(wf, new Order("1"));

    assertThatThrownBy(() -> engine.runClaimed(claim(engine))).isInstanceOf(Crash.class);

    assertThat(api.effects(taskId("1"))).as("the call acted").isEqualTo(1);
    assertThat(h.store.locks(taskId("1"))).singleElement().matches(l -> !l.finished());
    assertThat(h.store.decision(taskId("1"))).as("nothing recorded after the crash").isEmpty();
  }
}
