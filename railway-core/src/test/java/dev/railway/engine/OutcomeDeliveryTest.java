package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import dev.railway.engine.TestEvents.Approved;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Failed;
import dev.railway.engine.TestEvents.Order;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutcomeDeliveryTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final KeyedApi api = new KeyedApi();
  private final Workflow<Order> wf =
      OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build());

  private record Delivery(String eventId, String workflow, String instanceId, Object outcome) {}

  @Test
  void outcome_listenerCalledOncePerOutcome_withAStableEventId() {
    List<Delivery> seen = new CopyOnWriteArrayList<>();
    Engine engine =
        h.build(
            h.builder(h.store, "worker-1")
                .onOutcome((e, w, i, o) -> seen.add(new Delivery(e, w, i, o))),
            wf);
    engine.trigger(wf, new Order("1"));
    engine.trigger(wf, new Order("2"));

    engine.runDueTasks();
    engine.runDueTasks();

    assertThat(seen)
        .containsExactlyInAnyOrder(
            new Delivery("one:1/outcome", "one@1", "one:1", new Done("1", "charge-call-1")),
            new Delivery("one:2/outcome", "one@1", "one:2", new Done("2", "charge-call-2")));
  }

  @Test
  void outcome_throwingListener_getsTheSameOutcomeAgainOnTheNextPass() {
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicInteger failures = new AtomicInteger(1);
    Engine engine =
        h.build(
            h.builder(h.store, "worker-1")
                .onOutcome((e, w, i, o) -> {
                  seen.add(e);
                  if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("listener down");
                  }
                }),
            wf);
    engine.trigger(wf, new Order("1"));

    engine.runDueTasks();
    assertThat(seen).containsExactly("one:1/outcome");
    assertThat(h.store.undelivered(10)).as("left in the outbox").hasSize(1);

    engine.runDueTasks();
    assertThat(seen).as("not before its retry delay").containsExactly("one:1/outcome");

    h.clock.advance(OutcomeRetry.defaults().firstDelay());
    engine.runDueTasks();
    assertThat(seen).as("at least once, same id").containsExactly("one:1/outcome", "one:1/outcome");
    engine.runDueTasks();
    assertThat(seen).hasSize(2);
    assertThat(h.store.undelivered(10)).isEmpty();
  }

  @Test
  void outcome_poisonEntry_isRetriedAloneThenParked_andNeverBlocksLaterOutcomes() {
    List<String> delivered = new CopyOnWriteArrayList<>();
    AtomicInteger poisonCalls = new AtomicInteger();
    OutcomeRetry retry = new OutcomeRetry(3, Duration.ofSeconds(1), Duration.ofSeconds(4));
    Engine engine =
        h.build(
            h.builder(h.store, "worker-1")
                .outcomeRetry(retry)
                .onOutcome((e, w, i, o) -> {
                  if (i.equals("one:1")) {
                    poisonCalls.incrementAndGet();
                    throw new IllegalStateException("this listener cannot take order 1");
                  }
                  delivered.add(e);
                }),
            wf);
    engine.trigger(wf, new Order("1"));
    engine.runDueTasks();
    engine.trigger(wf, new Order("2"));
    engine.trigger(wf, new Order("3"));

    engine.runDueTasks();

    assertThat(delivered)
        .as("the outcome before them in the outbox failed; these are delivered anyway")
        .containsExactlyInAnyOrder("one:2/outcome", "one:3/outcome");
    assertThat(poisonCalls).hasValue(1);

    for (int i = 0; i < 4; i++) {
      h.clock.advance(retry.maxDelay());
      engine.runDueTasks();
    }
    assertThat(poisonCalls).as("tried maxFailures times, then parked").hasValue(3);
    assertThat(h.store.parkedOutcomes(10))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.eventId()).isEqualTo("one:1/outcome");
          assertThat(p.failures()).isEqualTo(3);
          assertThat(p.lastError()).contains("this listener cannot take order 1");
        });
    assertThat(engine.meters().counter("railway.outcomes.parked", "workflow", "one@1").count())
        .isEqualTo(1.0);

    engine.trigger(wf, new Order("4"));
    engine.runDueTasks();
    assertThat(delivered).contains("one:4/outcome");

    assertThat(h.store.unparkOutbox(h.store.parkedOutcomes(1).get(0).id())).isTrue();
    engine.runDueTasks();
    assertThat(poisonCalls).as("an unparked outcome is delivered again").hasValue(4);
  }

  @Test
  void outcome_threeEngines_oneDeliversEachOutcome_whileItsDeliveryIsInProgress() throws Exception {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch inListener = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    OutcomeListener slow =
        (e, w, i, o) -> {
          calls.computeIfAbsent(e, k -> new AtomicInteger()).incrementAndGet();
          inListener.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
          }
        };
    Engine one = h.build(h.builder(h.store, "worker-1").onOutcome(slow), wf);
    Engine two = h.build(h.builder(h.store, "worker-2").onOutcome(slow), wf);
    Engine three = h.build(h.builder(h.store, "worker-3").onOutcome(slow), wf);
    for (int i = 0; i < 5; i++) {
      one.trigger(wf, new Order("o" + i));
    }
    // Run the tasks without a delivery pass (runDueTasks would deliver at its end).
    for (var task : h.store.claimDue("worker-1", 10, Duration.ofMinutes(1))) {
      one.runClaimed(task);
    }
    assertThat(h.store.undelivered(10)).hasSize(5);
    Thread delivering = Thread.ofVirtual().start(two::deliverOutcomes);
    assertThat(inListener.await(30, TimeUnit.SECONDS)).isTrue();

    int byOne = one.deliverOutcomes();
    int byThree = three.deliverOutcomes();

    release.countDown();
    delivering.join(Duration.ofSeconds(30));
    assertThat(byOne + byThree).as("entries leased to worker-2 are left to it").isZero();
    assertThat(calls).hasSize(5);
    assertThat(calls.values()).allSatisfy(c -> assertThat(c).hasValue(1));
    assertThat(h.store.undelivered(10)).isEmpty();
  }

  @Test
  void outcome_chaining_startsTheNextWorkflowFromTheOutcome_once() {
    Workflow<Done> next =
        Workflow.builder("notify", Done.class)
            .startAt("notify")
            .tasks(
                Tasks.idempotent("notify", Done.class, String.class)
                    .identifiedBy(d -> "notify-" + d.id())
                    .attempt((d, id) -> api.charge(id))
                    .decide((d, r) -> new Approved(d.id(), r), Approved.class)
                    .onFault((err, d, id) -> new Failed(d.id(), err.toString()), Failed.class)
                    .outcome(Approved.class)
                    .outcome(Failed.class)
                    .build())
            .build();
    Engine engine = h.build(h.builder(h.store, "worker-1").chain(next), wf);
    engine.trigger(wf, new Order("1"));

    h.settle(engine);
    engine.runDueTasks();

    assertThat(h.outcomes())
        .containsExactly(new Done("1", "charge-call-1"), new Approved("1", "charge-notify-1"));
    assertThat(h.store.instances())
        .extracting(i -> i.instanceId())
        .containsExactly("one:1", "notify:one:1/outcome");
  }
}
