package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.taskId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Compromise;
import dev.railway.engine.TestEvents.Order;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The meters a user watches: started, decided by kind/event/cause, retried, faulted, possible
 * failures.
 */
class EngineMetricsTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();

  @Test
  void countsEveryPathThroughATask() {
    MeterRegistry meters = new SimpleMeterRegistry();
    OpaqueApi api = new OpaqueApi();
    api.then(ThirdParty.Behaviour.FAIL);
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce()).build());
    Engine engine = h.build(h.builder(h.store, "metered").meterRegistry(meters), wf);
    engine.trigger(wf, new Order("1"));

    h.settle(engine);

    assertThat(h.decision(taskId("1")).cause()).isEqualTo("POSSIBLE_FAILURE");
    assertThat(meters.get("railway.tasks.started").tag("kind", "BlackBoxed").counter().count())
        .isEqualTo(2);
    assertThat(meters.get("railway.tasks.faulted").tag("error", "IOException").counter().count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("railway.tasks.decided")
                .tags("kind", "BlackBoxed", "cause", "possible_failure", "event", "Uncertain")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(meters.get("railway.tasks.possible_failures").counter().count()).isEqualTo(1);
    assertThat(meters.get("railway.attempt.latency").timer().count()).isEqualTo(2);
    assertThat(meters.get("railway.queue.lag").timer().count()).isEqualTo(2);
  }
}
