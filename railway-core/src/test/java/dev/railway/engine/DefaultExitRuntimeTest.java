package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.MAX_ATTEMPTS;
import static dev.railway.engine.OneTaskWorkflows.RETRY;
import static dev.railway.engine.OneTaskWorkflows.TASK;
import static dev.railway.engine.OneTaskWorkflows.taskId;
import static dev.railway.engine.ThirdParty.Behaviour.FAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Backoff;
import dev.railway.definition.Cause;
import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Expired;
import dev.railway.engine.TestEvents.Failed;
import dev.railway.engine.TestEvents.Order;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A task that leaves its fault or expiry to the workflow's default exit ends through it. */
class DefaultExitRuntimeTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final KeyedApi api = new KeyedApi();

  /** One Idempotent task without a fault or expiry mapping of its own. */
  private Workflow<Order> workflow(Duration deadline) {
    var task =
        Tasks.idempotent(TASK, Order.class, String.class)
            .identifiedBy(o -> taskId(o.id()))
            .attempt((o, id) -> api.charge(id))
            .decide((o, r) -> new Done(o.id(), r), Done.class)
            .backoff(Backoff.fixed(RETRY, MAX_ATTEMPTS))
            .outcome(Done.class);
    if (deadline != null) {
      task.expiresAfter(deadline);
    }
    return Workflow.builder("defaults", Order.class)
        .startAt(TASK)
        .triggerId(Order::id)
        .defaultFault(
            Order.class, (error, o, id) -> new Failed(o.id(), "default: " + error), Failed.class)
        .defaultExpiry(Order.class, (o, id) -> new Expired(o.id()), Expired.class)
        .task(task.build())
        .build();
  }

  @Test
  void aFaultAfterTheLastRetryEndsThroughTheDefaultFaultExit() {
    Workflow<Order> wf = workflow(null);
    assertThat(wf.usesDefaultExit(wf.tasks().getFirst(), Cause.FAULT)).isTrue();
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      api.then(FAIL);
    }

    h.settle(engine);

    assertThat(h.outcomes()).singleElement().isInstanceOf(Failed.class);
    assertThat(((Failed) h.outcomes().getFirst()).error())
        .startsWith("default: ")
        .contains("third party refused call-1");
    assertThat(h.decision(taskId("1")).cause()).isEqualTo("FAULT");
    assertThat(api.calls()).isEqualTo(MAX_ATTEMPTS);
  }

  @Test
  void anExpiryEndsThroughTheDefaultExpiryExit() {
    Workflow<Order> wf = workflow(Duration.ofSeconds(3));
    assertThat(wf.usesDefaultExit(wf.tasks().getFirst(), Cause.EXPIRY)).isTrue();
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    api.then(FAIL, FAIL, FAIL, FAIL, FAIL);

    h.settle(engine);

    assertThat(h.outcomes()).containsExactly(new Expired("1"));
    assertThat(h.decision(taskId("1")).cause()).isEqualTo("EXPIRY");
  }

  @Test
  void aSuccessIgnoresTheDefaults() {
    Workflow<Order> wf = workflow(Duration.ofSeconds(3));
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));

    h.settle(engine);

    assertThat(h.outcomes()).singleElement().isInstanceOf(Done.class);
  }
}
