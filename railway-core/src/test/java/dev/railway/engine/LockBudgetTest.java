package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.taskId;
import static dev.railway.engine.ThirdParty.Behaviour.HANG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Compromise;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Order;
import dev.railway.store.ForwardingStore;
import dev.railway.store.Lock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hole 1 of issue 9: the own lock's expiry is the budget of the whole attempt. Tasks here use the
 * default attempt timeout of 30 s and a grace of 10 s, so a lock lives 40 s and every call of an
 * attempt must end by 30 s after the lock was written.
 */
class LockBudgetTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final String id = taskId("1");

  @Test
  void pessimistic_previousUsedMostOfTheTimeout_attemptIsCutAtTheLocksBudget_notAFreshTimeout()
      throws Exception {
    QueryableApi api = new QueryableApi();
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.pessimistic(api)
                .previous((o, taskId) -> {
                  // A slow but legal query: 29.9 s of the 30 s timeout.
                  h.clock.advance(Duration.ofMillis(29_900));
                  return api.find(taskId);
                })
                .build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    api.then(HANG);

    engine.runDueTasks();

    assertThat(api.awaitInterrupt())
        .as("the attempt is interrupted when the lock's budget (0.1 s) is spent, not after 30 s")
        .isTrue();
    assertThat(h.store.stream("one:1"))
        .filteredOn(e -> e.kind().equals("AttemptFaulted"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("PT0.1S"));
    assertThat(h.store.locks(id).get(0).finished()).as("left to expire after a timeout").isFalse();
  }

  @Test
  void pessimistic_previousUsedTheWholeTimeout_attemptNotStarted_retriedAtTheLocksExpiry() {
    QueryableApi api = new QueryableApi();
    AtomicBoolean slow = new AtomicBoolean(true);
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.pessimistic(api)
                .previous((o, taskId) -> {
                  if (slow.getAndSet(false)) {
                    h.clock.advance(Duration.ofSeconds(30)); // the lock still lives 10 s more
                  }
                  return api.find(taskId);
                })
                .build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));

    engine.runDueTasks();

    Lock own = h.store.locks(id).get(0);
    assertThat(api.calls()).as("no budget left: the attempt does not start").isZero();
    assertThat(h.openTask(id).dueAt()).isEqualTo(own.expiresAt());
    assertThat(h.openTask(id).attempts()).as("not a try").isZero();

    h.settle(engine);
    assertThat(h.outcomes()).containsExactly(new Done("1", "invoice-1"));
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void blackBoxed_storeRoundTripsBeforeTheCallSpentTheBudget_notCalled_noPossibleFailureLater() {
    OpaqueApi api = new OpaqueApi();
    AtomicBoolean slow = new AtomicBoolean(true);
    var store =
        new ForwardingStore(h.store) {
          @Override
          public List<Lock> locks(String taskId) {
            if (slow.getAndSet(false)) {
              h.clock.advance(Duration.ofSeconds(35)); // the store was slow to answer
            }
            return super.locks(taskId);
          }

          @Override
          public void close() {}
        };
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce()).build());
    Engine engine = h.build(h.builder(store, "worker-1"), wf);
    engine.trigger(wf, new Order("1"));

    engine.runDueTasks();

    assertThat(api.calls()).as("re-checked right before the call: no budget, no call").isZero();
    Lock own = h.store.locks(id).get(0);
    assertThat(own.faulted()).as("nothing was done, and the lock says so").isTrue();
    assertThat(h.openTask(id).dueAt()).isEqualTo(own.expiresAt());

    h.settle(engine);
    assertThat(h.outcomes())
        .as("executed once, not mapped as a possible failure")
        .containsExactly(new Done("1", "sent-1"));
    assertThat(api.effects(id)).isEqualTo(1);
  }
}
