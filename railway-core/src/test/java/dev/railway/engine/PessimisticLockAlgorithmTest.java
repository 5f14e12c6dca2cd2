package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.RETRY;
import static dev.railway.engine.OneTaskWorkflows.taskId;
import static dev.railway.engine.ThirdParty.Behaviour.FAIL;
import static dev.railway.engine.ThirdParty.Behaviour.HANG_THEN_LAND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.testing.SettableClock;
import dev.railway.store.Lock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PessimisticLockAlgorithmTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final QueryableApi api = new QueryableApi();
  private final String id = taskId("1");

  private Engine engineFor(dev.railway.definition.PessimisticLockBuilder<Order, String> task) {
    var wf = OneTaskWorkflows.workflow(task.build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    return engine;
  }

  @Test
  void pessimistic_step2_notOldestLiveLock_abortsWithoutOutcome_andRetriesAtLockExpiry() {
    Engine engine = engineFor(OneTaskWorkflows.pessimistic(api));
    Lock other = h.store.writeLock(id, "another-worker", Duration.ofSeconds(30));

    assertThat(engine.runDueTasks()).isEqualTo(1);

    assertThat(api.calls()).as("no call while an older lock is live").isZero();
    assertThat(h.openTask(id).dueAt()).isEqualTo(other.expiresAt());
    assertThat(h.openTask(id).attempts()).as("an abort is not a try").isZero();
    assertThat(h.store.locks(id))
        .filteredOn(l -> l.sequence() != other.sequence())
        .singleElement()
        .satisfies(own -> assertThat(own.finished()).as("own lock finished").isTrue());
    assertThat(engine.runDueTasks()).as("no busy loop before the expiry").isZero();
    h.clock.set(other.expiresAt().minusMillis(1));
    assertThat(engine.runDueTasks()).isZero();

    h.clock.set(other.expiresAt());
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Done("1", "invoice-1"));
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void pessimistic_step3_previousResultFound_decidesWithIt_attemptNotCalled() throws Exception {
    Engine engine = engineFor(OneTaskWorkflows.pessimistic(api));
    api.create(id); // an earlier attempt acted, then died before recording
    int callsBefore = api.calls();

    engine.runDueTasks();

    assertThat(api.calls()).as("attempt not called").isEqualTo(callsBefore);
    assertThat(api.effects(id)).isEqualTo(1);
    assertThat(h.outcomes()).containsExactly(new Done("1", "invoice-1"));
    assertThat(h.store.locks(id)).singleElement().extracting(Lock::finished).isEqualTo(true);
  }

  @Test
  void pessimistic_step4_ownLockExpiredBeforeCall_abortsWithoutCalling_thenRetries() {
    AtomicInteger queries = new AtomicInteger();
    Engine engine =
        engineFor(
            OneTaskWorkflows.pessimistic(api)
                .previous((o, taskId) -> {
                  if (queries.getAndIncrement() == 0) {
                    // The worker pauses past its lock's time to live before the call.
                    h.clock.advance(Duration.ofMinutes(5));
                  }
                  return api.find(taskId);
                }));

    engine.runDueTasks();

    assertThat(api.calls()).as("no call on an expired lock").isZero();
    assertThat(h.openTask(id).dueAt()).isEqualTo(h.clock.instant());
    assertThat(h.openTask(id).attempts()).isZero();
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Done("1", "invoice-1"));
    assertThat(api.calls()).isEqualTo(1);
  }

  @Test
  void pessimistic_step5_success_decides_andFinishesOwnLock() {
    Engine engine = engineFor(OneTaskWorkflows.pessimistic(api));

    engine.runDueTasks();

    assertThat(h.outcomes()).containsExactly(new Done("1", "invoice-1"));
    assertThat(h.decision(id).cause()).isEqualTo("DECISION");
    assertThat(h.store.locks(id)).singleElement().extracting(Lock::finished).isEqualTo(true);
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void pessimistic_returnedFault_finishesOwnLock_soNextAttemptProceedsAtOnce() {
    Engine engine = engineFor(OneTaskWorkflows.pessimistic(api));
    api.then(FAIL);

    engine.runDueTasks();

    Lock first = h.store.locks(id).get(0);
    assertThat(first.finished()).isTrue();
    assertThat(first.expiresAt()).isAfter(SettableClock.START.plus(RETRY));
    h.clock.advance(RETRY);
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Done("1", "invoice-1"));
    assertThat(h.decision(id).decidedAt())
        .as("decided before the first lock would have expired")
        .isEqualTo(SettableClock.START.plus(RETRY));
    assertThat(api.calls()).isEqualTo(2);
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void pessimistic_returnedFault_givingUp_keepsOwnLockUntilTheFaultTransitionIsRecorded() {
    Engine engine =
        engineFor(OneTaskWorkflows.pessimistic(api).backoff(dev.railway.definition.Backoff.none()));
    api.then(FAIL);

    engine.runDueTasks();

    assertThat(h.decision(id).cause()).isEqualTo("FAULT");
    assertThat(h.store.locks(id).get(0).finished())
        .as("not released before the give-up was recorded: a racer could have acted unseen")
        .isFalse();
  }

  @Test
  void pessimistic_timeout_leavesLockToExpire_nextAttemptWaits_thenPreviousFindsLateEffect()
      throws Exception {
    Engine engine =
        engineFor(OneTaskWorkflows.pessimistic(api).attemptTimeout(Duration.ofMillis(100)));
    api.then(HANG_THEN_LAND);

    engine.runDueTasks();

    assertThat(api.awaitLateEffect()).as("the interrupted call landed late").isTrue();
    Lock first = h.store.locks(id).get(0);
    assertThat(first.finished() || first.faulted()).as("lock left to expire").isFalse();
    assertThat(h.openTask(id).dueAt()).isEqualTo(SettableClock.START.plus(RETRY));

    h.clock.advance(RETRY);
    engine.runDueTasks();
    assertThat(api.calls()).as("the retry waits for the lock's expiry").isEqualTo(1);
    Instant expiry = first.expiresAt();
    assertThat(h.openTask(id).dueAt()).isEqualTo(expiry);

    h.clock.set(expiry);
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Done("1", "invoice-1"));
    assertThat(api.calls()).isEqualTo(1);
    assertThat(api.effects(id)).as("I4: one confirmed effect").isEqualTo(1);
  }
}
