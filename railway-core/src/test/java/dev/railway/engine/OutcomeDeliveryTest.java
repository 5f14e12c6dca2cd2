package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import dev.railway.engine.TestEvents.Approved;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Failed;
import dev.railway.engine.TestEvents.Order;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    assertThat(seen).as("at least once, same id").containsExactly("one:1/outcome", "one:1/outcome");
    engine.runDueTasks();
    assertThat(seen).hasSize(2);
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
