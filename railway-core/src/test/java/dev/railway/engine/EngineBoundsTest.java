package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.definition.Workflow;
import dev.railway.engine.TestEvents.Order;
import dev.railway.store.ForwardingStore;
import dev.railway.store.OutboxEntry;
import dev.railway.store.StoreUnavailableException;
import dev.railway.store.TaskEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In-flight work is bounded by what the store serves; an unreachable store pauses the loops. */
class EngineBoundsTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final KeyedApi api = new KeyedApi();
  private final Workflow<Order> wf =
      OneTaskWorkflows.workflow(OneTaskWorkflows.idempotent(api).build());

  /** The harness's store, claiming to serve {@code concurrency} calls at once. */
  private ForwardingStore serving(int concurrency) {
    return new ForwardingStore(h.store) {
      @Override
      public int concurrency() {
        return concurrency;
      }
    };
  }

  @Test
  void writersThatDoNotFitThePool_areRefusedAtBuild_explainingTheRelation() {
    Engine.Builder builder = h.builder(serving(8), "worker-1").workflow(wf).writers(3);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("writers(3)")
        .hasMessageContaining("3 x 3 = 9")
        .hasMessageContaining("= 11")
        .hasMessageContaining("serves 8 at once")
        .hasMessageContaining("use writers(2) or fewer");
    assertThat(h.store.instances()).isEmpty();
  }

  @Test
  void writersThatFit_andAnyNumberOnASerializingStore_areAccepted() {
    assertThat(h.build(h.builder(serving(8), "worker-1").writers(2), wf)).isNotNull();
    assertThat(h.build(h.builder(serving(1), "worker-2").writers(4), wf)).isNotNull();
  }

  @Test
  void maxInFlight_isDerivedFromWhatTheStoreServes_unlessSet() {
    assertThat(h.build(h.builder(serving(8), "w1"), wf).health().maxInFlight()).isEqualTo(32);
    assertThat(h.build(h.builder(serving(1), "w2"), wf).health().maxInFlight()).isEqualTo(16);
    assertThat(h.build(h.builder(serving(1000), "w3"), wf).health().maxInFlight()).isEqualTo(4000);
    assertThat(h.build(h.builder(serving(5000), "w3b"), wf).health().maxInFlight()).isEqualTo(4096);
    assertThat(h.build(h.builder(h.store, "w4"), wf).health().maxInFlight()).isEqualTo(4096);
    assertThat(h.build(h.builder(serving(8), "w5").maxInFlight(10_000), wf).health().maxInFlight())
        .isEqualTo(10_000);
  }

  @Test
  void health_showsStoreLagParkedOutcomesAndInFlight() {
    Engine engine = h.build(h.builder(h.store, "worker-1"), wf);
    engine.trigger(wf, new Order("1"));
    h.clock.advance(Duration.ofSeconds(7));

    EngineHealth before = engine.health();
    assertThat(before.storeReachable()).isTrue();
    assertThat(before.oldestDueLag()).isEqualTo(Duration.ofSeconds(7));
    assertThat(before.claimLoopAlive()).as("workers not started").isFalse();
    assertThat(before.inFlight()).isZero();
    assertThat(before.parkedOutcomes()).isZero();

    engine.runDueTasks();
    assertThat(engine.health().oldestDueLag()).isEqualTo(Duration.ZERO);
  }

  @Test
  void anUnreachableStore_pausesClaiming_showsInHealth_andWorkResumesWhenItAnswers()
      throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    CountDownLatch refused = new CountDownLatch(3);
    ForwardingStore flaky =
        new ForwardingStore(h.store) {
          @Override
          public List<TaskEntry> claimDue(String owner, int limit, Duration lease) {
            if (down.get()) {
              refused.countDown();
              throw new StoreUnavailableException("database restarting");
            }
            return super.claimDue(owner, limit, lease);
          }

          @Override
          public List<OutboxEntry> claimOutbox(String owner, int limit, Duration lease) {
            if (down.get()) {
              throw new StoreUnavailableException("database restarting");
            }
            return super.claimOutbox(owner, limit, lease);
          }
        };
    CountDownLatch finished = new CountDownLatch(1);
    Engine engine =
        h.build(
            h.builder(flaky, "worker-1")
                .pollInterval(Duration.ofMillis(10))
                .onOutcome((e, w, i, o) -> finished.countDown()),
            wf);
    engine.trigger(wf, new Order("1"));
    engine.startWorkers();

    // The third refused claim: the claimer has handled the first two (one thread, in order).
    assertThat(refused.await(30, TimeUnit.SECONDS)).isTrue();
    EngineHealth during = engine.health();
    assertThat(during.storeUnavailableSince()).isNotNull();
    assertThat(during.healthy()).isFalse();

    down.set(false);
    assertThat(finished.await(30, TimeUnit.SECONDS)).as("work resumed").isTrue();
    EngineHealth after = engine.health();
    assertThat(after.storeUnavailableSince()).isNull();
    assertThat(after.claimLoopAlive()).isTrue();
    assertThat(after.healthy()).isTrue();
  }
}
