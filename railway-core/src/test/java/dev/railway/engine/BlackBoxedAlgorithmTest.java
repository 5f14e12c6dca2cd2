package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.RETRY;
import static dev.railway.engine.OneTaskWorkflows.taskId;
import static dev.railway.engine.ThirdParty.Behaviour.FAIL;
import static dev.railway.engine.ThirdParty.Behaviour.HANG_THEN_LAND;
import static dev.railway.engine.ThirdParty.Behaviour.LOSE_RESPONSE;
import static dev.railway.engine.ThirdParty.Behaviour.NOTHING_DONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Backoff;
import dev.railway.definition.BlackBoxedBuilder;
import dev.railway.definition.Compromise;
import dev.railway.definition.Principal;
import dev.railway.engine.TestEvents.Approved;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.TestEvents.Uncertain;
import dev.railway.engine.TestEvents.Verdict;
import dev.railway.engine.testing.SettableClock;
import dev.railway.store.Lock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlackBoxedAlgorithmTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final OpaqueApi api = new OpaqueApi();
  private final String id = taskId("1");

  private Engine engineFor(BlackBoxedBuilder<Order, String> task) {
    var wf = OneTaskWorkflows.workflow(task.build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    return engine;
  }

  private Engine engineFor(Compromise compromise) {
    return engineFor(OneTaskWorkflows.blackBoxed(api, compromise));
  }

  private Lock otherAttemptLock() {
    return h.store.writeLock(id, "another-worker", Duration.ofSeconds(30));
  }

  @Test
  void blackBoxed_step2_ownLockIsOldest_executes() {
    Engine engine = engineFor(Compromise.atMostOnce());

    engine.runDueTasks();

    assertThat(h.outcomes()).containsExactly(new Done("1", "sent-1"));
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void blackBoxed_step2_earlierLiveLock_faultsOwnLock_andAbortsUntilItExpires() {
    Engine engine = engineFor(Compromise.atLeastOnce());
    Lock other = otherAttemptLock();

    engine.runDueTasks();

    assertThat(api.calls()).isZero();
    assertThat(h.store.locks(id).get(1).faulted()).as("own lock faulted").isTrue();
    assertThat(h.openTask(id).dueAt()).isEqualTo(other.expiresAt());
    assertThat(h.openTask(id).attempts()).isZero();
    assertThat(engine.runDueTasks()).as("no busy loop").isZero();
  }

  @Test
  void blackBoxed_step2_earlierLocksAllFaulted_executesAtOnce() {
    Engine engine = engineFor(Compromise.atMostOnce());
    h.store.markLockFaulted(otherAttemptLock().sequence());
    h.store.markLockFaulted(otherAttemptLock().sequence());

    engine.runDueTasks();

    assertThat(h.outcomes()).containsExactly(new Done("1", "sent-1"));
    assertThat(h.decision(id).decidedAt()).isEqualTo(SettableClock.START);
  }

  @Test
  void blackBoxed_possibleFailure_atLeastOnce_resolvesUncertainLock_andExecutesAgain() {
    Engine engine = engineFor(Compromise.atLeastOnce());
    api.then(LOSE_RESPONSE);

    h.settle(engine);

    assertThat(h.outcomes()).containsExactly(new Done("1", "sent-2"));
    assertThat(api.effects(id)).as("AtLeastOnce accepts the duplicate").isEqualTo(2);
    assertThat(h.store.locks(id).get(0).resolved()).isTrue();
  }

  @Test
  void blackBoxed_possibleFailure_upToN_retriesNTimes_thenUncertaintyMapping() {
    int n = 2;
    Engine engine = engineFor(Compromise.upTo(n));
    api.then(LOSE_RESPONSE, LOSE_RESPONSE, LOSE_RESPONSE, LOSE_RESPONSE, LOSE_RESPONSE);

    h.settle(engine);

    assertThat(h.outcomes()).singleElement().isInstanceOf(Uncertain.class);
    assertThat(h.decision(id).cause()).isEqualTo("POSSIBLE_FAILURE");
    assertThat(api.effects(id)).as("I6: effects <= n + 1").isEqualTo(n + 1);
    assertThat(h.store.locks(id)).filteredOn(Lock::resolved).hasSize(n);
  }

  @Test
  void blackBoxed_possibleFailure_atMostOnce_uncertaintyMapping_noSecondEffect() {
    Engine engine = engineFor(Compromise.atMostOnce());
    api.then(LOSE_RESPONSE);

    h.settle(engine);

    assertThat(h.outcomes()).containsExactly(new Uncertain("1", SettableClock.START));
    assertThat(h.decision(id).cause()).isEqualTo("POSSIBLE_FAILURE");
    assertThat(api.effects(id)).as("I6: at most once").isEqualTo(1);
    assertThat(api.calls()).isEqualTo(1);
  }

  @Test
  void blackBoxed_possibleFailure_humanReview_transitionsIntoTheReviewTodo() {
    var review =
        OneTaskWorkflows.review("review", Uncertain.class, Uncertain::id).cannotExpire().build();
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.blackBoxed(api, Compromise.humanReview("review")).build(), review);
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    api.then(LOSE_RESPONSE);

    h.settle(engine);

    assertThat(h.decision(id).cause()).isEqualTo("POSSIBLE_FAILURE");
    assertThat(api.effects(id)).isEqualTo(1);
    Principal agent = Principal.of("ann", "agent");
    var open = engine.todos().open(agent, "one", "review");
    assertThat(open).singleElement().satisfies(t -> assertThat(t.taskId()).isEqualTo("review-1"));
    engine.todos().complete("review-1", agent, new Verdict(true, "it was sent"));
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Approved("1", "it was sent"));
  }

  @Test
  void blackBoxed_knownFailure_recordsFault_nextAttemptExecutesWithoutPossibleFailure() {
    Engine engine = engineFor(Compromise.atMostOnce());
    api.then(NOTHING_DONE);

    engine.runDueTasks();

    assertThat(h.store.locks(id).get(0).faulted()).isTrue();
    h.clock.advance(RETRY);
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Done("1", "sent-1"));
    assertThat(h.decision(id).decidedAt())
        .as("no wait for the faulted lock's expiry")
        .isEqualTo(SettableClock.START.plus(RETRY));
    assertThat(api.calls()).isEqualTo(2);
  }

  @Test
  void blackBoxed_unknownError_recordsNothing_nextAttemptSeesPossibleFailure() {
    Engine engine = engineFor(Compromise.atMostOnce());
    api.then(FAIL);

    engine.runDueTasks();

    Lock first = h.store.locks(id).get(0);
    assertThat(first.faulted() || first.finished()).as("nothing recorded").isFalse();
    h.settle(engine);
    assertThat(h.outcomes()).containsExactly(new Uncertain("1", SettableClock.START));
    assertThat(h.decision(id).decidedAt()).isEqualTo(first.expiresAt());
    assertThat(api.calls()).as("never silently retried").isEqualTo(1);
  }

  @Test
  void blackBoxed_unknownError_neverGivesUpThroughTheFaultMapping_evenWithoutRetries() {
    Engine engine =
        engineFor(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce()).backoff(Backoff.none()));
    api.then(LOSE_RESPONSE);

    engine.runDueTasks();
    assertThat(h.store.decision(id)).as("no fault transition hides the effect").isEmpty();
    h.settle(engine);

    assertThat(h.decision(id).cause()).isEqualTo("POSSIBLE_FAILURE");
    assertThat(h.outcomes()).containsExactly(new Uncertain("1", SettableClock.START));
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void blackBoxed_knownFailure_givingUp_keepsOwnLockUntilTheFaultTransitionIsRecorded() {
    Engine engine =
        engineFor(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce()).backoff(Backoff.none()));
    api.then(NOTHING_DONE);

    engine.runDueTasks();

    assertThat(h.decision(id).cause()).isEqualTo("FAULT");
    assertThat(h.store.locks(id).get(0).faulted())
        .as("not released before the give-up was recorded: a racer could have acted unseen")
        .isFalse();
    assertThat(api.effects(id)).isZero();
  }

  @Test
  void blackBoxed_timeout_recordsNothing_nextAttemptSeesPossibleFailure() throws Exception {
    Engine engine =
        engineFor(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce())
                .attemptTimeout(Duration.ofMillis(100)));
    api.then(HANG_THEN_LAND);

    engine.runDueTasks();

    assertThat(api.awaitLateEffect()).isTrue();
    Lock first = h.store.locks(id).get(0);
    assertThat(first.faulted() || first.finished()).as("nothing recorded").isFalse();
    h.settle(engine);
    assertThat(h.outcomes()).containsExactly(new Uncertain("1", SettableClock.START));
    assertThat(api.effects(id)).as("I6: the late effect is the only one").isEqualTo(1);
  }

  @Test
  void blackBoxed_deciderFailsAfterTheCall_nextAttemptSeesPossibleFailure_notASecondEffect() {
    AtomicInteger decisions = new AtomicInteger();
    Engine engine =
        engineFor(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce())
                .decide(
                    (o, r) -> {
                      if (decisions.getAndIncrement() == 0) {
                        // Stands for any loss between the call and the recorded decision.
                        throw new IllegalStateException("decider crashed");
                      }
                      return new Done(o.id(), r);
                    },
                    Done.class));

    h.settle(engine);

    assertThat(api.effects(id)).as("I6: at most once").isEqualTo(1);
    assertThat(h.outcomes()).containsExactly(new Uncertain("1", SettableClock.START));
  }
}
