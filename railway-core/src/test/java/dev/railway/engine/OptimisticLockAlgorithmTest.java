package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.RETRY;
import static dev.railway.engine.OneTaskWorkflows.taskId;
import static dev.railway.engine.ThirdParty.Behaviour.FAIL;
import static dev.railway.engine.ThirdParty.Behaviour.NOTHING_DONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.OptimisticLockBuilder;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.testing.SettableClock;
import dev.railway.store.Lock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OptimisticLockAlgorithmTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final TwoStepApi api = new TwoStepApi();
  private final String id = taskId("1");

  private Engine engineFor(OptimisticLockBuilder<Order, String, String> task) {
    var wf = OneTaskWorkflows.workflow(task.build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    return engine;
  }

  /** Another attempt's lock, as the engine writes one per attempt. */
  private Lock otherAttemptLock() {
    return h.store.writeLock(id, "another-worker", Duration.ofSeconds(30));
  }

  @Test
  void optimistic_step2_olderFirstStepLive_loserUndoesOwnFirstStep_andAborts() {
    Engine engine = engineFor(OneTaskWorkflows.optimistic(api));
    String older = api.hold(id);
    Lock other = otherAttemptLock();

    engine.runDueTasks();

    assertThat(api.liveHolds(id)).containsExactly(older);
    assertThat(api.undone(id)).as("I5: the loser's first step is undone").hasSize(1);
    assertThat(api.calls()).as("no second step").isZero();
    assertThat(h.openTask(id).dueAt()).isEqualTo(other.expiresAt());
    assertThat(engine.runDueTasks()).as("no busy loop").isZero();

    api.undo(id, older); // the older attempt gave up
    h.clock.set(other.expiresAt());
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Done("1", "booking-hold-3"));
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void optimistic_step3_completedWhileItsAttemptIsAlive_undoesOwn_andAborts() throws Exception {
    Engine engine = engineFor(OneTaskWorkflows.optimistic(api));
    String theirs = api.hold(id);
    api.confirm(id, theirs); // completed, not yet recorded by its live attempt
    Lock other = otherAttemptLock();

    engine.runDueTasks();

    assertThat(h.store.decision(id)).as("its owner will record it").isEmpty();
    assertThat(api.undone(id)).hasSize(1);
    assertThat(api.liveHolds(id)).isEmpty();
    assertThat(h.openTask(id).dueAt()).isEqualTo(other.expiresAt());
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void optimistic_step3_completedAfterItsAttemptExpired_undoesOwn_andDecidesWithItsResult()
      throws Exception {
    Engine engine = engineFor(OneTaskWorkflows.optimistic(api));
    String theirs = api.hold(id);
    api.confirm(id, theirs);
    Lock other = otherAttemptLock();
    h.clock.set(other.expiresAt()); // it died before recording

    engine.runDueTasks();

    assertThat(h.outcomes()).containsExactly(new Done("1", "booking-" + theirs));
    assertThat(api.undone(id)).hasSize(1);
    assertThat(api.effects(id)).as("I5: one confirmed second step").isEqualTo(1);
    assertThat(api.calls()).as("no second step of our own").isEqualTo(1);
  }

  @Test
  void optimistic_step4and5_oldestFirstStep_secondStepConfirms_andDecides() {
    Engine engine = engineFor(OneTaskWorkflows.optimistic(api));

    engine.runDueTasks();

    assertThat(h.outcomes()).containsExactly(new Done("1", "booking-hold-1"));
    assertThat(api.effects(id)).isEqualTo(1);
    assertThat(api.undone(id)).isEmpty();
    assertThat(h.store.locks(id)).singleElement().extracting(Lock::finished).isEqualTo(true);
  }

  @Test
  void optimistic_secondStepProvedNothingDone_undoesFirstStep_andRetriesWithANewOne() {
    Engine engine = engineFor(OneTaskWorkflows.optimistic(api));
    // Only an error proving nothing was done allows the undo; see SmallerGapsTest for the others.
    api.then(NOTHING_DONE);

    engine.runDueTasks();

    assertThat(api.undone(id)).containsExactly("hold-1");
    assertThat(api.liveHolds(id)).isEmpty();
    assertThat(h.store.locks(id)).singleElement().extracting(Lock::finished).isEqualTo(true);
    h.clock.advance(RETRY);
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Done("1", "booking-hold-2"));
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void optimistic_undoAbsent_loserAbortsWithoutError_andItsHoldIsLeftToTheThirdParty() {
    Engine engine = engineFor(OneTaskWorkflows.optimisticWithoutUndo(api));
    String older = api.hold(id);
    Lock other = otherAttemptLock();

    engine.runDueTasks();

    assertThat(api.liveHolds(id)).containsExactly(older, "hold-2");
    assertThat(api.undone(id)).isEmpty();
    assertThat(h.openTask(id).dueAt()).isEqualTo(other.expiresAt());
    assertThat(h.streamCount("one:1", "AttemptFaulted")).isZero();
  }

  @Test
  void optimistic_undoAbsent_faultAfterFirstStep_isAnOrdinaryFault() {
    Engine engine = engineFor(OneTaskWorkflows.optimisticWithoutUndo(api));
    api.then(FAIL);

    engine.runDueTasks();

    assertThat(h.streamCount("one:1", "AttemptFaulted")).isEqualTo(1);
    assertThat(h.openTask(id).dueAt()).isEqualTo(SettableClock.START.plus(RETRY));
    assertThat(api.liveHolds(id)).containsExactly("hold-1");
  }
}
