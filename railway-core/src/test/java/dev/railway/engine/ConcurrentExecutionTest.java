package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.taskId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Compromise;
import dev.railway.definition.Workflow;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Order;
import dev.railway.store.Lock;
import dev.railway.store.StartResult;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two engines (different worker ids, one store) run the same task at the same time. The lease keeps
 * them apart in the common case, so the test lets it lapse (1 s on the test clock) while the first
 * racer is held at a chosen point; a barrier then releases both racers together. No sleeps: every
 * wait is on a latch or barrier, bounded so a broken engine fails instead of hanging.
 */
class ConcurrentExecutionTest {
  private static final Duration LEASE = Duration.ofSeconds(1);

  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final RacingStore racing = new RacingStore(h.store);
  private final ExecutorService racers = Executors.newFixedThreadPool(2);
  private final String id = taskId("1");

  @AfterEach
  void stopRacers() {
    racers.shutdownNow();
  }

  /**
   * Runs a pass of engine A until it reaches {@code firstArrived}, lets the lease lapse, runs a
   * pass of engine B, and waits for both passes.
   */
  private void race(Workflow<Order> wf, CountDownLatch firstArrived) throws Exception {
    Engine a = h.build(h.builder(racing, "worker-a").lease(LEASE), wf);
    Engine b = h.build(h.builder(racing, "worker-b").lease(LEASE), wf);
    a.trigger(wf, new Order("1"));
    Future<Integer> first = racers.submit(a::runDueTasks);
    assertThat(firstArrived.await(10, TimeUnit.SECONDS)).as("racer A arrived").isTrue();
    h.clock.advance(LEASE.plusMillis(1));
    Future<Integer> second = racers.submit(b::runDueTasks);
    assertThat(first.get(10, TimeUnit.SECONDS)).as("A ran the task").isEqualTo(1);
    assertThat(second.get(10, TimeUnit.SECONDS)).as("B ran the task too").isEqualTo(1);
  }

  /** A hook that counts the first arrival down, then waits for the other racer. */
  private static Runnable meetAt(CyclicBarrier barrier, CountDownLatch firstArrived) {
    return () -> {
      firstArrived.countDown();
      try {
        barrier.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the other racer never arrived", e);
      }
    };
  }

  @Test
  void race_idempotent_bothInsideTheCall_oneDecision_oneEffectPerKey() throws Exception {
    KeyedApi api = new KeyedApi();
    CountDownLatch arrived = new CountDownLatch(1);
    api.onCall(meetAt(new CyclicBarrier(2), arrived));

    race(OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build()), arrived);

    assertThat(api.calls()).as("both racers called").isEqualTo(2);
    assertThat(api.effects(id)).as("I3").isEqualTo(1);
    assertThat(h.store.decisions("one:1")).hasSize(1);
    assertThat(h.store.instance("one:1").orElseThrow().finished()).isTrue();
  }

  @Test
  void race_pessimistic_bothLocksWrittenBeforeEitherChecks_onlyTheOldestCalls() throws Exception {
    QueryableApi api = new QueryableApi();
    CountDownLatch arrived = new CountDownLatch(1);
    CyclicBarrier barrier = new CyclicBarrier(2);
    Runnable meet = meetAt(barrier, arrived);
    racing.afterWriteLock(lock -> meet.run());

    race(OneTaskWorkflows.workflow(OneTaskWorkflows.pessimistic(api).build()), arrived);

    assertThat(api.effects(id)).as("I4").isEqualTo(1);
    assertThat(h.store.decisions("one:1")).hasSize(1);
    assertThat(h.store.locks(id)).hasSize(2).allMatch(Lock::finished);
  }

  @Test
  void race_optimistic_bothFirstStepsBeforeEitherChecks_loserUndone_oneSecondStep()
      throws Exception {
    TwoStepApi api = new TwoStepApi();
    CountDownLatch arrived = new CountDownLatch(1);
    api.onHold(meetAt(new CyclicBarrier(2), arrived));

    race(OneTaskWorkflows.workflow(OneTaskWorkflows.optimistic(api).build()), arrived);

    assertThat(api.effects(id)).as("I5: one confirmed second step").isEqualTo(1);
    assertThat(api.undone(id)).as("I5: the loser's first step is undone").hasSize(1);
    assertThat(api.liveHolds(id)).isEmpty();
    assertThat(h.store.decisions("one:1")).hasSize(1);
  }

  @Test
  void race_blackBoxed_bothLocksWrittenBeforeEitherChecks_oneEffect_loserFaulted()
      throws Exception {
    OpaqueApi api = new OpaqueApi();
    CountDownLatch arrived = new CountDownLatch(1);
    Runnable meet = meetAt(new CyclicBarrier(2), arrived);
    racing.afterWriteLock(lock -> meet.run());

    race(
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce()).build()),
        arrived);

    assertThat(api.effects(id)).as("I6").isEqualTo(1);
    assertThat(h.store.decisions("one:1")).hasSize(1);
    assertThat(h.store.locks(id)).filteredOn(Lock::faulted).hasSize(1);
  }

  @Test
  void race_blackBoxed_secondRacerWhileFirstIsInsideTheCall_abortsUntilItsExpiry()
      throws Exception {
    OpaqueApi api = new OpaqueApi();
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);
    api.onCall(() -> {
      arrived.countDown();
      try {
        secondDone.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce()).build());
    Engine a = h.build(h.builder(h.store, "worker-a").lease(LEASE), wf);
    Engine b = h.build(h.builder(h.store, "worker-b").lease(LEASE), wf);
    a.trigger(wf, new Order("1"));

    Future<Integer> first = racers.submit(a::runDueTasks);
    assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
    h.clock.advance(LEASE.plusMillis(1));
    assertThat(b.runDueTasks()).isEqualTo(1);
    assertThat(h.store.decision(id)).as("B recorded nothing").isEmpty();
    secondDone.countDown();
    first.get(10, TimeUnit.SECONDS);

    assertThat(api.calls()).isEqualTo(1);
    assertThat(h.store.decisions("one:1"))
        .singleElement()
        .satisfies(d -> assertThat(d.decidedBy()).startsWith("worker-a/"));
  }

  @Test
  void trigger_deliveredTwice_startsOneInstance_andActsOnce() {
    KeyedApi api = new KeyedApi();
    var wf = OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build());
    Engine engine = h.engine(wf);

    StartResult first = engine.trigger(wf, new Order("1"));
    StartResult second = engine.trigger(wf, new Order("1"));
    engine.runDueTasks();

    assertThat(first).isEqualTo(new StartResult.Started("one:1"));
    assertThat(second).isEqualTo(new StartResult.Duplicate("one:1"));
    assertThat(h.store.instances()).hasSize(1);
    assertThat(h.outcomes()).containsExactly(new Done("1", "charge-call-1"));
    assertThat(api.calls()).isEqualTo(1);
  }
}
