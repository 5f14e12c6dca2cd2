package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.taskId;
import static dev.railway.engine.ThirdParty.Behaviour.FAIL;
import static dev.railway.engine.ThirdParty.Behaviour.LOSE_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Backoff;
import dev.railway.definition.Compromise;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Failed;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.testing.SettableClock;
import dev.railway.store.ForwardingStore;
import dev.railway.store.Lock;
import dev.railway.store.StoreUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hole 4 of issue 9 (and one acceptance line of issue 10): the smaller gaps, one test each. */
class SmallerGapsTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final String id = taskId("1");

  private Engine start(dev.railway.definition.Task<?> task) {
    var wf = OneTaskWorkflows.workflow(task);
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    return engine;
  }

  /** A store view for one engine; the shared store belongs to the test. */
  private class View extends ForwardingStore {
    View() {
      super(h.store);
    }

    @Override
    public void close() {}
  }

  @Test
  void anErrorThrownByTheThirdPartyCall_isAFaultOfThatAttempt_backoffThenFaultMapping() {
    KeyedApi api = new KeyedApi();
    Engine engine =
        start(
            OneTaskWorkflows.idempotent(api)
                .attempt((o, tid) -> {
                  throw new AssertionError("a bug in the client library");
                })
                .backoff(Backoff.none())
                .build());

    engine.runDueTasks();

    assertThat(h.decision(id).cause()).isEqualTo("FAULT");
    assertThat(h.outcomes())
        .singleElement()
        .satisfies(o -> assertThat(((Failed) o).error()).contains("a bug in the client library"));
  }

  @Test
  void anErrorThrownByTheDecider_isAFaultOfThatAttempt_retriedByTheBackoff() {
    KeyedApi api = new KeyedApi();
    Engine engine =
        start(
            OneTaskWorkflows.idempotent(api)
                .decide(
                    (o, r) -> {
                      throw new LinkageError("decider bug");
                    },
                    Done.class)
                .build());

    engine.runDueTasks();

    assertThat(h.openTask(id).attempts()).as("counted as a try").isEqualTo(1);
    assertThat(h.openTask(id).dueAt()).isEqualTo(SettableClock.START.plus(OneTaskWorkflows.RETRY));
  }

  @Test
  void aWorkerWhoseLeaseWasTakenOver_doesNotClearTheNewOwnersLeaseWhenItReschedules() {
    QueryableApi api = new QueryableApi();
    var wf = OneTaskWorkflows.workflow(OneTaskWorkflows.pessimistic(api).build());
    Engine slow = h.build(h.builder(h.store, "slow").lease(Duration.ofSeconds(1)), wf);
    slow.trigger(wf, new Order("1"));
    api.then(FAIL);
    api.onCall(() -> {
      // The slow worker's lease lapses mid-call and another worker claims the task.
      h.clock.advance(Duration.ofSeconds(2));
      assertThat(h.store.claimDue("other", 10, Duration.ofHours(1))).hasSize(1);
    });

    slow.runDueTasks();
    api.onCall(() -> {});

    h.clock.advance(Duration.ofMinutes(5));
    assertThat(h.store.claimDue("third", 10, Duration.ofHours(1)))
        .as("the other worker's lease still holds")
        .isEmpty();
  }

  @Test
  void blackBoxed_lockResolvedByAnotherAttemptFirst_theLoserDoesNotCall() {
    OpaqueApi api = new OpaqueApi();
    var store =
        new View() {
          @Override
          public boolean markLockResolved(long sequence) {
            // Another attempt resolved this possible failure a moment earlier.
            super.markLockResolved(sequence);
            return false;
          }
        };
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.blackBoxed(api, Compromise.atLeastOnce()).build());
    Engine engine = h.build(h.builder(store, "worker-1"), wf);
    engine.trigger(wf, new Order("1"));
    Lock uncertain = h.store.writeLock(id, "dead-worker", Duration.ofSeconds(1));
    h.clock.set(uncertain.expiresAt());

    engine.runDueTasks();

    assertThat(api.calls())
        .as("the resolver calls; the loser of the compare-and-set does not")
        .isZero();
    assertThat(h.store.locks(id).get(1).faulted()).as("own lock: nothing done").isTrue();
    assertThat(h.store.decision(id)).isEmpty();
  }

  @Test
  void optimistic_secondStepResponseLost_ownFirstStepNotUndone_nextAttemptsCompletedDecides() {
    TwoStepApi api = new TwoStepApi();
    api.undoCancelsConfirmed();
    Engine engine = start(OneTaskWorkflows.optimistic(api).build());
    api.then(LOSE_RESPONSE);

    h.settle(engine);

    assertThat(api.undone(id)).as("a confirmed step is never cancelled").doesNotContain("hold-1");
    assertThat(h.outcomes()).containsExactly(new Done("1", "booking-hold-1"));
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void
      optimistic_secondStepFailedWithAnUnknownError_notUndone_theOrphanIsUndoneOnceItsLockExpired() {
    TwoStepApi api = new TwoStepApi();
    Engine engine = start(OneTaskWorkflows.optimistic(api).build());
    api.then(FAIL);

    engine.runDueTasks();
    assertThat(api.undone(id)).as("it may have completed: not undone").isEmpty();
    Lock first = h.store.locks(id).get(0);
    assertThat(first.finished()).as("left to expire").isFalse();

    h.settle(engine);
    assertThat(api.undone(id)).contains("hold-1");
    assertThat(h.decision(id).decidedAt()).isAfterOrEqualTo(first.expiresAt());
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void optimistic_firstStepResponseLost_theOrphanHoldIsUndone_andTheTaskCompletes() {
    TwoStepApi api = new TwoStepApi();
    AtomicBoolean lose = new AtomicBoolean(true);
    Engine engine =
        start(
            OneTaskWorkflows.optimistic(api)
                .firstStep((o, tid) -> {
                  String hold = api.hold(tid);
                  if (lose.getAndSet(false)) {
                    throw new IOException("response of hold " + hold + " lost");
                  }
                  return hold;
                })
                .build());

    h.settle(engine);

    assertThat(api.undone(id)).containsExactly("hold-1");
    assertThat(h.outcomes()).containsExactly(new Done("1", "booking-hold-2"));
  }

  @Test
  void blackBoxed_storeOutageBeforeTheCall_ownLockFaulted_noPossibleFailureLater() {
    OpaqueApi api = new OpaqueApi();
    AtomicBoolean down = new AtomicBoolean(true);
    var store =
        new View() {
          @Override
          public List<Lock> locks(String taskId) {
            if (down.getAndSet(false)) {
              throw new StoreUnavailableException("connection reset (test)", null);
            }
            return super.locks(taskId);
          }
        };
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce()).build());
    Engine engine = h.build(h.builder(store, "worker-1"), wf);
    engine.trigger(wf, new Order("1"));

    engine.runDueTasks();

    assertThat(api.calls()).isZero();
    assertThat(h.store.locks(id).get(0).faulted())
        .as("nothing was done, and the lock says so")
        .isTrue();
    h.settle(engine);
    assertThat(h.outcomes()).containsExactly(new Done("1", "sent-1"));
  }

  @Test
  void anAppendWrittenAgainAfterAnInDoubtCommit_isNotDuplicatedInTheStream() {
    KeyedApi api = new KeyedApi();
    AtomicBoolean loseAnswer = new AtomicBoolean(true);
    var store =
        new View() {
          @Override
          public void appendAll(List<dev.railway.store.StreamAppend> appends) {
            super.appendAll(appends);
            if (loseAnswer.getAndSet(false)) {
              throw new StoreUnavailableException("connection lost during commit (test)", null);
            }
          }
        };
    var wf = OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build());
    Engine engine = h.build(h.builder(store, "worker-1"), wf);
    engine.trigger(wf, new Order("1"));

    engine.runDueTasks();

    assertThat(h.outcomes()).containsExactly(new Done("1", "charge-call-1"));
    assertThat(h.streamCount("one:1", "AttemptStarted")).isEqualTo(1);
  }
}
