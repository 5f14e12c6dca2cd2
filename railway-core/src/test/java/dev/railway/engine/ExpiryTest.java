package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.taskId;
import static dev.railway.engine.ThirdParty.Behaviour.FAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Principal;
import dev.railway.engine.TestEvents.Expired;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.testing.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExpiryTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final KeyedApi api = new KeyedApi();

  @Test
  void expiry_stillNeededFalseBeforeAttempt_recordsExpiryTransition_withoutCalling() {
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.idempotent(api)
                .stillNeeded((o, id) -> false)
                .onExpiry((o, id) -> new Expired(o.id()), Expired.class)
                .outcome(Expired.class)
                .build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));

    engine.runDueTasks();

    assertThat(h.outcomes()).containsExactly(new Expired("1"));
    assertThat(h.decision(taskId("1")).cause()).isEqualTo("EXPIRY");
    assertThat(api.calls()).isZero();
  }

  @Test
  void expiry_deadlinePassedBetweenRetries_recordsExpiryTransition() {
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.idempotent(api)
                .expiresAfter(Duration.ofSeconds(3), (o, id) -> new Expired(o.id()), Expired.class)
                .outcome(Expired.class)
                .build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    api.then(FAIL, FAIL, FAIL, FAIL, FAIL);

    h.settle(engine);

    assertThat(h.outcomes()).containsExactly(new Expired("1"));
    assertThat(h.decision(taskId("1")).decidedAt())
        .isEqualTo(SettableClock.START.plus(Duration.ofSeconds(3)));
    assertThat(api.calls()).as("attempts at 0 s, 1 s and 2 s").isEqualTo(3);
  }

  @Test
  void expiry_todoDeadline_expiresThroughRunDueTasks() {
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.review("review", Order.class, Order::id)
                .expiresAfter(Duration.ofHours(1), (o, id) -> new Expired(o.id()), Expired.class)
                .outcome(Expired.class)
                .build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));

    assertThat(engine.runDueTasks()).isZero();
    h.clock.advance(Duration.ofMinutes(59));
    assertThat(engine.runDueTasks()).isZero();
    h.clock.advance(Duration.ofMinutes(1));
    assertThat(engine.runDueTasks()).isEqualTo(1);

    assertThat(h.outcomes()).containsExactly(new Expired("1"));
    assertThat(h.decision("review-1").cause()).isEqualTo("EXPIRY");
  }

  @Test
  void expiry_todoCannotExpire_staysOpenForever() {
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.review("review", Order.class, Order::id).cannotExpire().build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));

    h.clock.advance(Duration.ofDays(3650));

    assertThat(engine.runDueTasks()).isZero();
    assertThat(engine.todos().open(Principal.of("ann", "agent"), "one", "review")).hasSize(1);
    assertThat(h.store.decision("review-1")).isEmpty();
  }
}
