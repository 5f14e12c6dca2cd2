package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.definition.Backoff;
import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Expired;
import dev.railway.engine.TestEvents.Order;
import dev.railway.validation.InvalidWorkflowException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Building, background running, graceful shutdown, and deadlines that bound retries. */
class EngineLifecycleTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();

  @Test
  void build_refusesAnInvalidWorkflowWithTheValidatorsReport() {
    Workflow<Order> noFaultMapping =
        OneTaskWorkflows.workflow(
            Tasks.idempotent(OneTaskWorkflows.TASK, Order.class, String.class)
                .identifiedBy(o -> OneTaskWorkflows.taskId(o.id()))
                .attempt((o, id) -> "ok")
                .decide((o, r) -> new Done(o.id(), r), Done.class)
                .outcome(Done.class)
                .build());

    assertThatThrownBy(() -> Engine.builder(h.store).workflow(noFaultMapping).build())
        .isInstanceOf(InvalidWorkflowException.class)
        .hasMessageContaining("State without fault mapping")
        .hasMessageContaining("'call'");
  }

  @Test
  void startWorkers_runsTriggeredInstancesToTheirOutcomesInTheBackground() throws Exception {
    KeyedApi api = new KeyedApi();
    Workflow<Order> wf = OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build());
    CountDownLatch outcomes = new CountDownLatch(20);
    Engine engine =
        h.build(
            h.builder(h.store, "background")
                .onOutcome((id, w, i, o) -> outcomes.countDown())
                .pollInterval(Duration.ofMillis(20)),
            wf);

    engine.startWorkers();
    for (int i = 0; i < 20; i++) {
      engine.trigger(wf, new Order("o" + i));
    }

    assertThat(outcomes.await(10, TimeUnit.SECONDS)).as("every outcome delivered").isTrue();
    assertThat(engine.stop(Duration.ofSeconds(5))).isTrue();
    for (int i = 0; i < 20; i++) {
      assertThat(api.effects(OneTaskWorkflows.taskId("o" + i))).isEqualTo(1);
    }
  }

  @Test
  void stop_letsAnInFlightAttemptFinishWithinTheDeadline() throws Exception {
    KeyedApi api = new KeyedApi();
    CountDownLatch inCall = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    api.onCall(() -> {
      inCall.countDown();
      awaitQuietly(release);
    });
    Workflow<Order> wf = OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build());
    Engine engine = h.build(h.builder(h.store, "stopping").pollInterval(Duration.ofMillis(20)), wf);
    engine.startWorkers();
    engine.trigger(wf, new Order("1"));
    assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Boolean> stopped =
        CompletableFuture.supplyAsync(() -> engine.stop(Duration.ofSeconds(30)));
    release.countDown();

    assertThat(stopped.get(30, TimeUnit.SECONDS)).as("finished in time").isTrue();
    assertThat(h.store.decision(OneTaskWorkflows.taskId("1"))).isPresent();
  }

  @Test
  void stop_interruptsAnAttemptStillRunningAtTheDeadline_andItsTaskStaysOpen() throws Exception {
    KeyedApi api = new KeyedApi();
    api.then(ThirdParty.Behaviour.HANG);
    CountDownLatch inCall = new CountDownLatch(1);
    api.onCall(inCall::countDown);
    Workflow<Order> wf = OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build());
    Engine engine =
        h.build(h.builder(h.store, "impatient").pollInterval(Duration.ofMillis(20)), wf);
    engine.startWorkers();
    engine.trigger(wf, new Order("1"));
    assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(engine.stop(Duration.ofMillis(100))).as("not finished in time").isFalse();

    assertThat(api.awaitInterrupt()).as("the hanging call was interrupted").isTrue();
    assertThat(api.effects(OneTaskWorkflows.taskId("1"))).isZero();
    assertThat(h.store.decision(OneTaskWorkflows.taskId("1"))).isEmpty();
    assertThat(h.store.openTasks())
        .extracting(t -> t.taskId())
        .contains(OneTaskWorkflows.taskId("1"));
  }

  @Test
  void retry_neverWaitsPastTheDeadline_theExpiryHappensOnTime() {
    KeyedApi api = new KeyedApi();
    api.then(ThirdParty.Behaviour.FAIL);
    Workflow<Order> wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.idempotent(api)
                .backoff(Backoff.fixed(Duration.ofHours(1), 5))
                .expiresAfter(Duration.ofMinutes(10), (o, id) -> new Expired(o.id()), Expired.class)
                .outcome(Expired.class)
                .build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    engine.runDueTasks();

    assertThat(h.openTask(OneTaskWorkflows.taskId("1")).dueAt())
        .isEqualTo(h.clock.instant().plus(Duration.ofMinutes(10)));
    h.clock.advance(Duration.ofMinutes(10));
    engine.runDueTasks();

    assertThat(h.decision(OneTaskWorkflows.taskId("1")).cause()).isEqualTo("EXPIRY");
    assertThat(h.outcomes()).containsExactly(new Expired("1"));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
