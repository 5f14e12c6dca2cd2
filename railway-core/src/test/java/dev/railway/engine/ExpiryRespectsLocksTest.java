package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.taskId;
import static dev.railway.engine.ThirdParty.Behaviour.HANG_THEN_LAND;
import static dev.railway.engine.ThirdParty.Behaviour.LOSE_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Compromise;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Expired;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.TestEvents.Uncertain;
import dev.railway.store.Lock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hole 2 of issue 9: an expiry never contradicts an effect that may have happened. Each task here
 * has a deadline well inside its lock's life (attempt timeout 30 s, grace 10 s).
 */
class ExpiryRespectsLocksTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final String id = taskId("1");
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private Engine start(dev.railway.definition.Task<?> task) {
    var wf = OneTaskWorkflows.workflow(task);
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    return engine;
  }

  @Test
  void blackBoxed_responseLostThenDeadlinePassed_possibleFailureMeetsItsCompromise_notExpiry() {
    OpaqueApi api = new OpaqueApi();
    Engine engine =
        start(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce())
                .expiresAfter(DEADLINE, (o, tid) -> new Expired(o.id()), Expired.class)
                .outcome(Expired.class)
                .build());
    api.then(LOSE_RESPONSE);

    h.settle(engine);

    Lock first = h.store.locks(id).get(0);
    assertThat(api.effects(id)).isEqualTo(1);
    assertThat(h.outcomes()).containsExactly(new Uncertain("1", first.createdAt()));
    assertThat(h.decision(id).cause()).isEqualTo("POSSIBLE_FAILURE");
    assertThat(h.decision(id).decidedAt())
        .as("not while the lock lived")
        .isAfterOrEqualTo(first.expiresAt());
  }

  @Test
  void blackBoxed_atLeastOnce_responseLostThenDeadline_noNewCallAfterIt_uncertaintyMapping() {
    OpaqueApi api = new OpaqueApi();
    Engine engine =
        start(
            OneTaskWorkflows.blackBoxed(api, Compromise.atLeastOnce())
                .expiresAfter(DEADLINE, (o, tid) -> new Expired(o.id()), Expired.class)
                .outcome(Expired.class)
                .build());
    api.then(LOSE_RESPONSE);

    h.settle(engine);

    assertThat(api.calls()).as("no new call after the deadline").isEqualTo(1);
    assertThat(h.decision(id).cause()).isEqualTo("POSSIBLE_FAILURE");
    assertThat(h.outcomes()).singleElement().isInstanceOf(Uncertain.class);
  }

  @Test
  void pessimistic_actionLandedAfterItsTimeout_thenDeadline_previousFindsIt_decidesWithIt()
      throws Exception {
    QueryableApi api = new QueryableApi();
    Engine engine =
        start(
            OneTaskWorkflows.pessimistic(api)
                .attemptTimeout(Duration.ofMillis(100))
                .expiresAfter(DEADLINE, (o, tid) -> new Expired(o.id()), Expired.class)
                .outcome(Expired.class)
                .build());
    api.then(HANG_THEN_LAND);

    engine.runDueTasks();
    assertThat(api.awaitLateEffect()).isTrue();
    h.settle(engine);

    assertThat(h.outcomes()).containsExactly(new Done("1", "invoice-1"));
    assertThat(h.decision(id).decidedAt())
        .as("waited for the lock, then asked previous")
        .isAfterOrEqualTo(h.store.locks(id).get(0).expiresAt());
    assertThat(api.effects(id)).isEqualTo(1);
  }

  @Test
  void pessimistic_deadlinePassedWhileAnotherAttemptsLockIsLive_noExpiryUntilItExpires() {
    QueryableApi api = new QueryableApi();
    Engine engine =
        start(
            OneTaskWorkflows.pessimistic(api)
                .expiresAfter(DEADLINE, (o, tid) -> new Expired(o.id()), Expired.class)
                .outcome(Expired.class)
                .build());
    Lock other = h.store.writeLock(id, "another-worker", Duration.ofSeconds(40));
    h.clock.advance(DEADLINE);

    engine.runDueTasks();

    assertThat(h.store.decision(id)).as("no expiry while a live lock exists").isEmpty();
    assertThat(h.openTask(id).dueAt()).isEqualTo(other.expiresAt());
    h.settle(engine);
    assertThat(h.outcomes()).containsExactly(new Expired("1"));
    assertThat(api.calls()).as("no new action after the deadline").isZero();
  }

  @Test
  void optimistic_secondStepConfirmedButResponseLost_thenDeadline_completedDecides_notExpiry() {
    TwoStepApi api = new TwoStepApi();
    Engine engine =
        start(
            OneTaskWorkflows.optimistic(api)
                // The deadline passes before the retry is due.
                .expiresAfter(
                    OneTaskWorkflows.RETRY.dividedBy(2),
                    (o, tid) -> new Expired(o.id()),
                    Expired.class)
                .outcome(Expired.class)
                .build());
    api.then(LOSE_RESPONSE);

    h.settle(engine);

    assertThat(api.effects(id)).isEqualTo(1);
    assertThat(h.outcomes()).containsExactly(new Done("1", "booking-hold-1"));
  }

  @Test
  void optimistic_deadlinePassed_nothingCompleted_orphanFirstStepsUndone_thenExpiry() {
    TwoStepApi api = new TwoStepApi();
    Engine engine =
        start(
            OneTaskWorkflows.optimistic(api)
                .expiresAfter(DEADLINE, (o, tid) -> new Expired(o.id()), Expired.class)
                .outcome(Expired.class)
                .build());
    String orphan = api.hold(id); // an attempt that died after its first step
    h.clock.advance(DEADLINE);

    h.settle(engine);

    assertThat(h.outcomes()).containsExactly(new Expired("1"));
    assertThat(api.undone(id)).containsExactly(orphan);
    assertThat(api.liveHolds(id)).isEmpty();
  }

  @Test
  void attemptStillRunningWhenAnotherWorkerRecordsExpiry_itsConfirmedResultIsSurfaced() {
    QueryableApi api = new QueryableApi();
    var task =
        OneTaskWorkflows.pessimistic(api)
            .expiresAfter(Duration.ofMinutes(1), (o, tid) -> new Expired(o.id()), Expired.class)
            .outcome(Expired.class)
            .build();
    var wf = OneTaskWorkflows.workflow(task);
    Engine first = h.engine(wf);
    Engine second = h.engine(wf);
    first.trigger(wf, new Order("1"));
    AtomicBoolean once = new AtomicBoolean(true);
    api.onCall(() -> {
      if (once.getAndSet(false)) {
        // The first worker freezes inside its call far beyond the assumption (lock, lease and
        // deadline all pass); the second one records the expiry meanwhile.
        h.clock.advance(Duration.ofMinutes(5));
        second.runDueTasks();
      }
    });

    first.runDueTasks();

    assertThat(h.decision(id).cause()).isEqualTo("EXPIRY");
    assertThat(api.effects(id)).isEqualTo(1);
    assertThat(first.meters().get("railway.tasks.result_after_expiry").counter().count())
        .as("the discarded confirmed result is counted")
        .isEqualTo(1.0);
    assertThat(h.store.stream("one:1"))
        .filteredOn(e -> e.kind().equals("ResultAfterExpiry"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("Done"));
  }
}
