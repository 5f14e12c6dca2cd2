package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.railway.definition.Principal;
import dev.railway.definition.Workflow;
import dev.railway.engine.TestEvents.Expired;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.TestEvents.Verdict;
import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.ForwardingStore;
import dev.railway.store.NewInstance;
import dev.railway.store.StartResult;
import dev.railway.store.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store that stops answering (a hung connection, a pool with no free connection) must not hang
 * the public blocking calls: each fails with {@link StoreUnavailableException} once the store
 * timeout passes, and {@code stop} returns.
 */
class StoreTimeoutTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  private final CountDownLatch answer = new CountDownLatch(1);
  private final AtomicBoolean hanging = new AtomicBoolean();

  /** Writes hang while {@code hanging}, until the test ends. */
  private final ForwardingStore store =
      new ForwardingStore(h.store) {
        private void hang() {
          if (hanging.get()) {
            try {
              answer.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }

        @Override
        public List<StartResult> startAll(List<NewInstance> instances) {
          hang();
          return super.startAll(instances);
        }

        @Override
        public List<CommitResult> commit(List<DecisionRecord> decisions) {
          hang();
          return super.commit(decisions);
        }
      };

  @AfterEach
  void answerAgain() {
    answer.countDown();
  }

  private Workflow<Order> review() {
    return OneTaskWorkflows.workflow(
        OneTaskWorkflows.review("review", Order.class, Order::id)
            .expiresAfter(Duration.ofHours(1), (o, id) -> new Expired(o.id()), Expired.class)
            .outcome(Expired.class)
            .build());
  }

  @Test
  void trigger_triggerAll_andTodoComplete_failWithStoreUnavailable_whenTheStoreHangs() {
    Workflow<Order> wf = review();
    Engine engine = h.build(h.builder(store, "worker-1").storeTimeout(TIMEOUT), wf);
    engine.trigger(wf, new Order("1"));
    hanging.set(true);

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          assertThatThrownBy(() -> engine.trigger(wf, new Order("2")))
              .isInstanceOf(StoreUnavailableException.class)
              .hasMessageContaining("PT0.3S");
          assertThatThrownBy(() -> engine.triggerAll(wf, List.of(new Order("3"), new Order("4"))))
              .isInstanceOf(StoreUnavailableException.class);
          assertThatThrownBy(() ->
                  engine
                      .todos()
                      .complete("review-1", Principal.of("ann", "agent"), new Verdict(true, "ok")))
              .isInstanceOf(StoreUnavailableException.class);
        });
    hanging.set(false);
    answer.countDown();
  }

  @Test
  void stop_returnsWithinItsDeadlinePlusTheStoreTimeout_whenTheStoreHangs() {
    Workflow<Order> wf = review();
    Engine engine = h.build(h.builder(store, "worker-1").storeTimeout(TIMEOUT), wf);
    engine.startWorkers();
    hanging.set(true);
    Thread.ofVirtual()
        .start(() -> {
          try {
            engine.trigger(wf, new Order("1"));
          } catch (RuntimeException expected) {
            // the store hangs
          }
        });

    boolean clean =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> engine.stop(Duration.ofMillis(100)));

    assertThat(clean).as("no attempt was in flight").isTrue();
  }
}
